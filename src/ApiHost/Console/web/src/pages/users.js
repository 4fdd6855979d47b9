// Who may sign in to the console and the API, with which role, and whose phone is theirs (admins only).
import { html, render } from "lit";
import { get, query, request, session } from "../api.js";
import { dateTime } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { orDash } from "./cells.js";
import { pager } from "./extensions.js";
import { describedBy, fieldError, randomPassword, attempt } from "./form.js";
import { empty, failed, loading } from "./states.js";

const roles = ["admin", "operator", "viewer", "user"];

export function mount(el) {
  let result = null;
  let page = 1;
  let extensions = []; // numbers offered for linking
  let editing = null; // id of the user whose row is open for changes
  let newPassword = randomPassword(); // offered for the next user, kept across redraws until it is used
  let errors = {};
  let error = "";
  let message = "";

  const roleChoice = (selected, described = "") => html`<select name="role" aria-describedby=${described}>
    ${roles.map((r) => html`<option value=${r} ?selected=${r === selected}>${valueLabel("role", r)}</option>`)}</select>`;

  // A datalist suggests the PBX's extensions; any number may be typed, and the API says when none exists.
  const extensionInput = (value) => html`<input name="extensionNumber" inputmode="numeric" list="user-extensions" .value=${value ?? ""}
    aria-describedby=${describedBy(errors, "extensionNumber")}>`;

  const draw = () =>
    render(
      html`
        <h1>${t("nav.users")}</h1>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, result ? null : load) : ""}
        <datalist id="user-extensions">${extensions.map((n) => html`<option value=${n}></option>`)}</datalist>
        ${editing === null ? html`<form class="card" @submit=${create} aria-labelledby="user-new">
          <h2 id="user-new">${t("users.new")}</h2>
          <div class="filters">
          <label>${t("users.username")} <input name="username" autocomplete="off" required aria-describedby=${describedBy(errors, "username")}></label>
          ${fieldError(errors, "username")}
          <label>${t("users.password")} <input name="password" type="text" autocomplete="new-password" minlength="10" required
            .value=${newPassword} aria-describedby=${describedBy(errors, "password")}></label>
          ${fieldError(errors, "password")}
          <label>${t("users.role")} ${roleChoice("user", describedBy(errors, "role"))}</label>${fieldError(errors, "role")}
          <label>${t("users.extension")} ${extensionInput("")}</label>${fieldError(errors, "extensionNumber")}
          <button type="submit">${t("common.create")}</button></div>
        </form>` : ""}
        ${!result && !error ? loading() : ""}
        ${result && result.items.length === 0 ? empty(t("users.none")) : ""}
        ${result && result.items.length > 0 ? html`
          <div class="table-wrap"><table class="users">
            <thead><tr><th>${t("users.username")}</th><th>${t("users.role")}</th><th>${t("users.extension")}</th><th>${t("users.createdAt")}</th>
              <th>${t("common.actions")}</th></tr></thead>
            <tbody>${result.items.map((u) => html`<tr data-username=${u.username}>
              <td>${u.username}</td><td>${valueLabel("role", u.role)}</td><td>${orDash(u.extensionNumber, t("users.noExtension"))}</td>
              <td>${dateTime(u.createdAt)}</td>
              <td class="actions">
                <button type="button" class="secondary" @click=${() => { editing = u.id; errors = {}; message = ""; draw(); }}>${t("common.edit")}<span class="visually-hidden"> ${u.username}</span></button>
                <button type="button" class="danger" ?disabled=${u.username === session()?.username} @click=${() => remove(u)}>${t("common.delete")}<span class="visually-hidden"> ${u.username}</span></button>
              </td></tr>
              ${editing === u.id ? html`<tr class="editing"><td colspan="5">${editForms(u)}</td></tr>` : ""}`)}
            </tbody></table></div>
          ${pager(result, (p) => { page = p; load(); })}` : ""}`,
      el,
    );

  const editForms = (u) => html`<div class="columns">
    <form class="card" @submit=${(e) => save(e, u)} aria-labelledby="user-edit">
      <h2 id="user-edit">${t("users.editTitle", { username: u.username })}</h2>
      <label>${t("users.role")} ${roleChoice(u.role, describedBy(errors, "role"))}</label>${fieldError(errors, "role")}
      <label>${t("users.extension")} ${extensionInput(u.extensionNumber)}</label>${fieldError(errors, "extensionNumber")}
      <div class="actions"><button type="submit">${t("common.save")}</button>
        <button type="button" class="secondary" @click=${() => { editing = null; errors = {}; draw(); }}>${t("common.cancel")}</button></div>
    </form>
    <form class="card" @submit=${(e) => setPassword(e, u)} aria-labelledby="user-password">
      <h2 id="user-password">${t("users.resetPassword")}</h2>
      <label>${t("extension.newPassword")} <input name="password" type="text" autocomplete="new-password" minlength="10" required
        aria-describedby=${describedBy(errors, "password")}></label>${fieldError(errors, "password")}
      <p class="muted">${t("users.passwordHint")}</p>
      <div class="actions"><button type="button" class="secondary" @click=${(e) => (e.target.form.password.value = randomPassword())}>${t("extension.generate")}</button>
        <button type="submit">${t("extension.setPassword")}</button></div>
    </form></div>`;

  async function run(action, success) {
    ({ message, error, errors } = await attempt(action, success));
    if (error) draw();
    else await load();
  }

  const linked = (value) => (value.trim() === "" ? null : value.trim());

  function create(e) {
    e.preventDefault();
    const f = e.target;
    const username = f.username.value.trim();
    const password = f.password.value;
    return run(async () => {
      await request("POST", "/api/v1/users", { username, password, role: f.role.value, extensionNumber: linked(f.extensionNumber.value) });
      f.reset();
      newPassword = randomPassword();
    }, t("users.created", { username, password }));
  }

  const save = (e, u) => {
    e.preventDefault();
    const f = e.target;
    return run(async () => {
      await request("PUT", `/api/v1/users/${u.id}`, { role: f.role.value, extensionNumber: linked(f.extensionNumber.value) });
      editing = null;
    }, t("users.saved", { username: u.username }));
  };

  const setPassword = (e, u) => {
    e.preventDefault();
    const password = e.target.password.value;
    return run(async () => {
      await request("POST", `/api/v1/users/${u.id}/password`, { password });
      editing = null;
    }, t("users.passwordChanged", { username: u.username, password }));
  };

  const remove = (u) => confirm(t("users.confirmDelete", { username: u.username }))
    && run(() => request("DELETE", `/api/v1/users/${u.id}`), t("users.deleted", { username: u.username }));

  async function load() {
    try {
      const [users, numbers] = await Promise.all([
        get(`/api/v1/users${query({ page, pageSize: 50 })}`),
        get("/api/v1/extensions?pageSize=500").catch(() => ({ items: [] })),
      ]);
      result = users;
      extensions = numbers.items.map((x) => x.number);
      error = "";
    } catch (err) {
      error = t("users.loadFailed", { reason: err.message });
    }
    draw();
  }
  draw();
  load();
}
