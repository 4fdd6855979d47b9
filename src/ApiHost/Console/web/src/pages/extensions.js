import { html, render } from "lit";
import { can, get, latestOnly, query, request } from "../api.js";
import { listen } from "../live.js";
import { attempt, describedBy, fieldError, formObject, randomPassword } from "./form.js";
import { callParties } from "./live-model.js";
import { number, time } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { orDash } from "./cells.js";
import { outboundForm } from "./extension-outbound.js";
import { empty, failed, loading } from "./states.js";

export function mount(el, [id]) {
  return id ? mountDetail(el, id) : mountList(el);
}

function mountList(el) {
  let filter = { number: "", name: "" };
  let page = 1;
  let result = null;
  let registered = new Set();
  let error = "";
  const fetchPage = latestOnly((url) => Promise.all([get(url), get("/api/v1/live/extensions")]));

  const draw = () =>
    render(
      html`
        <div class="page-head">
          <h1>${t("nav.extensions")}</h1>
          ${can.admin() ? html`<a class="button" href="#/extensions/new">${t("extensions.new")}</a>` : ""}
        </div>
        <form class="filters" role="search" @submit=${(e) => { e.preventDefault(); filter = formObject(e.target); page = 1; load(); }}>
          <label>${t("extensions.numberStartsWith")} <input name="number" inputmode="numeric" .value=${filter.number}></label>
          <label>${t("extensions.nameContains")} <input name="name" .value=${filter.name}></label>
          <button type="submit">${t("common.search")}</button>
        </form>
        ${error ? failed(error, load) : ""}
        ${!result && !error ? loading() : ""}
        ${result && result.items.length === 0 ? empty(t("extensions.noneMatch")) : ""}
        ${result && result.items.length > 0 ? html`
          <div class="table-wrap"><table>
            <thead><tr><th>${t("extension.number")}</th><th>${t("extension.name")}</th><th>${t("extension.enabled")}</th><th>${t("extension.registration")}</th><th><span class="visually-hidden">${t("common.actions")}</span></th></tr></thead>
            <tbody>${result.items.map((x) => html`<tr data-number=${x.number}>
              <td>${x.number}</td><td>${orDash(x.displayName, t("extension.noName"))}</td><td>${x.enabled ? t("common.yes") : t("common.no")}</td>
              <td>${registrationTag(registered.has(x.number))}</td>
              <td><a href="#/extensions/${x.id}">${can.admin() ? t("common.edit") : t("common.view")}<span class="visually-hidden"> ${x.number}</span></a></td></tr>`)}
            </tbody></table></div>
          ${pager(result, (p) => { page = p; load(); })}` : ""}`,
      el,
    );

  async function load() {
    try {
      const [list, live] = await fetchPage(`/api/v1/extensions${query({ ...filter, page, pageSize: 25 })}`);
      result = list;
      registered = new Set(live.registered);
      error = "";
    } catch (err) {
      error = t("extensions.loadFailed", { reason: err.message });
    }
    draw();
  }
  const stop = listen("registration", () => load());
  draw();
  load();
  return stop;
}

const registrationTag = (registered) =>
  html`<span class="tag ${registered ? "registered" : "offline"}" data-testid="registration">${t(registered ? "extension.registered" : "extension.notRegistered")}</span>`;

export function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  // A large call history stops counting at a limit (totalIsExact false): "more than", and Next while pages are full.
  const exact = result.totalIsExact !== false;
  const last = exact ? result.page >= pages : result.items.length < result.pageSize;
  return html`<nav class="pager" aria-label=${t("pager.label")}>
    <button type="button" ?disabled=${result.page <= 1} @click=${() => go(result.page - 1)}>${t("pager.previous")}</button>
    <span>${t("pager.position", { page: number(result.page), pages: exact ? number(pages) : `${number(pages)}+` })} ·
      ${t(exact ? "pager.total" : "pager.totalAtLeast", { total: number(result.total) })}</span>
    <button type="button" ?disabled=${last} @click=${() => go(result.page + 1)}>${t("pager.next")}</button></nav>`;
}

function mountDetail(el, id) {
  const creating = id === "new";
  const admin = can.admin();
  let extension = creating ? { number: "", displayName: "", maxContacts: 3, enabled: true } : null;
  let settings = null;
  let live = { registered: false, bindings: [], lockedUntil: null, calls: [] };
  let errors = {};
  let message = "";
  let error = "";
  const outbound = creating ? null : outboundForm(id, admin, () => draw());

  const draw = () =>
    render(
      html`
        <p><a href="#/extensions">← ${t("extension.all")}</a></p>
        <h1>${creating ? t("extensions.new") : t("extension.title", { number: extension?.number ?? "" })}</h1>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, extension ? null : load) : ""}
        ${!extension && !error ? loading() : ""}
        ${extension ? html`
          <div class="columns">
            <form class="card" @submit=${save} aria-labelledby="ext-details">
              <h2 id="ext-details">${t("extension.details")}</h2>
              <fieldset ?disabled=${!admin}>
                <label>${t("extension.number")} <input name="number" inputmode="numeric" required .value=${extension.number} ?readonly=${!creating} aria-describedby=${describedBy(errors, "number")}></label>
                ${fieldError(errors, "number")}
                <label>${t("extension.displayName")} <input name="displayName" .value=${extension.displayName} aria-describedby=${describedBy(errors, "displayName")}></label>
                ${fieldError(errors, "displayName")}
                ${creating ? html`<label>${t("extension.sipPassword")} <small>${t("extension.sipPasswordHint")}</small>
                  <input name="password" type="text" autocomplete="new-password" aria-describedby=${describedBy(errors, "password")}></label>${fieldError(errors, "password")}` : ""}
                <label>${t("extension.maxContacts")} <input name="maxContacts" type="number" min="1" .value=${String(extension.maxContacts)} aria-describedby=${describedBy(errors, "maxContacts")}></label>
                ${fieldError(errors, "maxContacts")}
                <label class="check"><input name="enabled" type="checkbox" ?checked=${extension.enabled}> ${t("extension.enabled")}</label>
                ${admin ? html`<div class="actions"><button type="submit">${creating ? t("common.create") : t("common.save")}</button>
                  ${creating ? "" : html`<button type="button" class="danger" @click=${remove}>${t("common.delete")}</button>`}</div>` : ""}
              </fieldset>
            </form>
            ${creating ? "" : html`
              <section class="card" aria-labelledby="ext-status">
                <h2 id="ext-status">${t("extension.status")}</h2>
                <p>${t("extension.registration")}: ${registrationTag(live.registered)}</p>
                ${live.bindings.length > 0 ? html`<h3>${t("extension.phones")}</h3><div class="table-wrap"><table class="bindings">
                  <thead><tr><th>${t("binding.contact")}</th><th>${t("binding.source")}</th><th>${t("binding.userAgent")}</th><th>${t("binding.expires")}</th></tr></thead>
                  <tbody>${live.bindings.map((b) => html`<tr><td>${b.contactUri}</td><td>${b.sourceAddress}:${b.sourcePort} ${b.transport}</td>
                    <td>${orDash(b.userAgent, t("binding.noUserAgent"))}</td><td>${time(b.expiresAt)}</td></tr>`)}</tbody></table></div>` : ""}
                ${live.lockedUntil && new Date(live.lockedUntil) > new Date() ? html`<p class="error">${t("extension.lockedUntil", { time: time(live.lockedUntil) })}</p>
                  ${admin ? html`<p><button type="button" class="secondary" @click=${unlock}>${t("extension.unlock")}</button></p>` : ""}` : ""}
                <h3>${t("extension.currentCalls")}</h3>
                ${live.calls.length === 0 ? empty(t("extension.noCalls")) : html`<ul>${live.calls.map((c) => {
                  const p = callParties(c);
                  return html`<li>${p.from} → ${p.to} (${valueLabel("callState", c.kind)})</li>`;
                })}</ul>`}
              </section>
              ${settings ? settingsForm() : ""}
              ${outbound()}
              ${admin ? html`<form class="card" @submit=${setPassword} aria-labelledby="ext-password">
                <h2 id="ext-password">${t("extension.resetPassword")}</h2>
                <label>${t("extension.newPassword")} <input name="password" type="text" autocomplete="new-password" minlength="8" required aria-describedby=${describedBy(errors, "password")}></label>
                ${fieldError(errors, "password")}
                <div class="actions"><button type="button" class="secondary" @click=${(e) => (e.target.form.password.value = randomPassword())}>${t("extension.generate")}</button>
                <button type="submit">${t("extension.setPassword")}</button></div>
              </form>` : ""}`}
          </div>` : ""}`,
      el,
    );

  const settingsForm = () => html`
    <form class="card" @submit=${saveSettings} aria-labelledby="ext-settings">
      <h2 id="ext-settings">${t("settings.title")}</h2>
      <fieldset ?disabled=${!admin}>
        <label class="check"><input name="dnd" type="checkbox" ?checked=${settings.dnd}> ${t("settings.dnd")}</label>
        <label class="check"><input name="callWaiting" type="checkbox" ?checked=${settings.callWaiting}> ${t("settings.callWaiting")}</label>
        <label>${t("settings.forwardAlways")} <input name="forwardAlways" .value=${settings.forwardAlways ?? ""}></label>${fieldError(errors, "forwardAlways")}
        <label>${t("settings.forwardBusy")} <input name="forwardBusy" .value=${settings.forwardBusy ?? ""}></label>${fieldError(errors, "forwardBusy")}
        <label>${t("settings.forwardNoAnswer")} <input name="forwardNoAnswer" .value=${settings.forwardNoAnswer ?? ""}></label>${fieldError(errors, "forwardNoAnswer")}
        <label>${t("settings.noAnswerSeconds")} <input name="noAnswerSeconds" type="number" min="5" max="120" .value=${String(settings.noAnswerSeconds)}></label>${fieldError(errors, "noAnswerSeconds")}
        ${admin ? html`<div class="actions"><button type="submit">${t("settings.save")}</button></div>` : ""}
      </fieldset>
    </form>`;

  async function run(action, success) {
    ({ message, error, errors } = await attempt(action, success));
    draw();
  }

  function save(e) {
    e.preventDefault();
    const f = e.target;
    const body = { displayName: f.displayName.value, maxContacts: Number(f.maxContacts.value), enabled: f.enabled.checked };
    if (creating) {
      return run(async () => {
        const created = await request("POST", "/api/v1/extensions", { ...body, number: f.number.value, password: f.password.value || null });
        sessionStorage.setItem("pbx.generated", created.generatedPassword ?? "");
        location.hash = `#/extensions/${created.extension.id}`;
      }, "");
    }
    return run(async () => (extension = await request("PUT", `/api/v1/extensions/${id}`, body)), t("common.saved"));
  }

  function saveSettings(e) {
    e.preventDefault();
    const f = e.target;
    const orNull = (v) => (v.trim() === "" ? null : v.trim());
    const body = {
      dnd: f.dnd.checked,
      callWaiting: f.callWaiting.checked,
      forwardAlways: orNull(f.forwardAlways.value),
      forwardBusy: orNull(f.forwardBusy.value),
      forwardNoAnswer: orNull(f.forwardNoAnswer.value),
      noAnswerSeconds: Number(f.noAnswerSeconds.value),
    };
    return run(async () => (settings = await request("PUT", `/api/v1/extensions/${id}/settings`, body)), t("settings.saved"));
  }

  function setPassword(e) {
    e.preventDefault();
    const password = e.target.password.value;
    return run(async () => {
      await request("POST", `/api/v1/extensions/${id}/password`, { password });
      e.target.reset();
    }, t("extension.passwordChanged"));
  }

  function unlock() {
    return run(async () => {
      await request("POST", `/api/v1/extensions/${id}/unlock`);
      live = { ...live, lockedUntil: null };
    }, t("extension.unlocked"));
  }

  function remove() {
    if (!confirm(t("extension.confirmDelete", { number: extension.number }))) return;
    return run(async () => {
      await request("DELETE", `/api/v1/extensions/${id}`);
      location.hash = "#/extensions";
    }, "");
  }

  async function load() {
    try {
      const [x, s, calls] = await Promise.all([get(`/api/v1/extensions/${id}`), get(`/api/v1/extensions/${id}/settings`), get("/api/v1/live/calls")]);
      // A node without the silo role has no live state (503): show the configuration without it.
      const status = await get(`/api/v1/live/extensions/${encodeURIComponent(x.number)}`).catch(() => null);
      extension = x;
      settings = s;
      live = {
        registered: (status?.bindings.length ?? 0) > 0,
        bindings: status?.bindings ?? [],
        lockedUntil: status?.lockout.lockedUntil ?? null,
        calls: calls.filter((c) => [callParties(c).from, callParties(c).to].includes(x.number)),
      };
      const generated = sessionStorage.getItem("pbx.generated");
      sessionStorage.removeItem("pbx.generated");
      if (generated !== null) message = generated ? t("extension.createdWithPassword", { password: generated }) : t("extension.created");
    } catch (err) {
      error = err.status === 404 ? t("extension.gone") : t("extension.loadFailed", { reason: err.message });
    }
    draw();
  }

  if (creating) {
    draw();
    return () => {};
  }
  const stops = [listen("registration", load), listen("call", load)];
  draw();
  load();
  return () => stops.forEach((s) => s());
}
