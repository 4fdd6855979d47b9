import { html, render } from "lit";
import { can, get, latestOnly, query, request } from "../api.js";
import { listen } from "../live.js";
import { describedBy, fieldError, formObject, randomPassword } from "./form.js";
import { callParties } from "./live-model.js";
import { time } from "../format.js";

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
          <h1>Extensions</h1>
          ${can.admin() ? html`<a class="button" href="#/extensions/new">New extension</a>` : ""}
        </div>
        <form class="filters" role="search" @submit=${(e) => { e.preventDefault(); filter = formObject(e.target); page = 1; load(); }}>
          <label>Number starts with <input name="number" inputmode="numeric" .value=${filter.number}></label>
          <label>Name contains <input name="name" .value=${filter.name}></label>
          <button type="submit">Search</button>
        </form>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
        ${!result && !error ? html`<p class="loading" role="status">Loading…</p>` : ""}
        ${result && result.items.length === 0 ? html`<p class="empty">No extensions match.</p>` : ""}
        ${result && result.items.length > 0 ? html`
          <div class="table-wrap"><table>
            <thead><tr><th>Number</th><th>Name</th><th>Enabled</th><th>Registration</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${result.items.map((x) => html`<tr data-number=${x.number}>
              <td>${x.number}</td><td>${x.displayName}</td><td>${x.enabled ? "yes" : "no"}</td>
              <td><span class="tag ${registered.has(x.number) ? "registered" : "offline"}" data-testid="registration">${registered.has(x.number) ? "registered" : "not registered"}</span></td>
              <td><a href="#/extensions/${x.id}">${can.admin() ? "Edit" : "View"}<span class="visually-hidden"> ${x.number}</span></a></td></tr>`)}
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
      error = `Could not load extensions: ${err.message}`;
    }
    draw();
  }
  const stop = listen("registration", () => load());
  draw();
  load();
  return stop;
}

export function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  // A large call history stops counting at a limit (totalIsExact false): "more than", and Next while pages are full.
  const exact = result.totalIsExact !== false;
  const last = exact ? result.page >= pages : result.items.length < result.pageSize;
  return html`<nav class="pager" aria-label="Pages">
    <button type="button" ?disabled=${result.page <= 1} @click=${() => go(result.page - 1)}>Previous</button>
    <span>Page ${result.page} of ${exact ? pages : `${pages}+`} · ${exact ? result.total : `more than ${result.total.toLocaleString()}`} in all</span>
    <button type="button" ?disabled=${last} @click=${() => go(result.page + 1)}>Next</button></nav>`;
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

  const draw = () =>
    render(
      html`
        <p><a href="#/extensions">← All extensions</a></p>
        <h1>${creating ? "New extension" : `Extension ${extension?.number ?? ""}`}</h1>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
        ${!extension && !error ? html`<p class="loading" role="status">Loading…</p>` : ""}
        ${extension ? html`
          <div class="columns">
            <form class="card" @submit=${save} aria-labelledby="ext-details">
              <h2 id="ext-details">Details</h2>
              <fieldset ?disabled=${!admin}>
                <label>Number <input name="number" inputmode="numeric" required .value=${extension.number} ?readonly=${!creating} aria-describedby=${describedBy(errors, "number")}></label>
                ${fieldError(errors, "number")}
                <label>Display name <input name="displayName" .value=${extension.displayName} aria-describedby=${describedBy(errors, "displayName")}></label>
                ${fieldError(errors, "displayName")}
                ${creating ? html`<label>SIP password <small>(left empty: one is generated)</small>
                  <input name="password" type="text" autocomplete="new-password" aria-describedby=${describedBy(errors, "password")}></label>${fieldError(errors, "password")}` : ""}
                <label>Phones at once <input name="maxContacts" type="number" min="1" .value=${String(extension.maxContacts)} aria-describedby=${describedBy(errors, "maxContacts")}></label>
                ${fieldError(errors, "maxContacts")}
                <label class="check"><input name="enabled" type="checkbox" ?checked=${extension.enabled}> Enabled</label>
                ${admin ? html`<div class="actions"><button type="submit">${creating ? "Create" : "Save"}</button>
                  ${creating ? "" : html`<button type="button" class="danger" @click=${remove}>Delete</button>`}</div>` : ""}
              </fieldset>
            </form>
            ${creating ? "" : html`
              <section class="card" aria-labelledby="ext-status">
                <h2 id="ext-status">Status</h2>
                <p>Registration: <span class="tag ${live.registered ? "registered" : "offline"}">${live.registered ? "registered" : "not registered"}</span></p>
                ${live.bindings.length > 0 ? html`<h3>Phones</h3><div class="table-wrap"><table class="bindings">
                  <thead><tr><th>Contact</th><th>From</th><th>Phone</th><th>Expires</th></tr></thead>
                  <tbody>${live.bindings.map((b) => html`<tr><td>${b.contactUri}</td><td>${b.sourceAddress}:${b.sourcePort} ${b.transport}</td>
                    <td>${b.userAgent ?? ""}</td><td>${time(b.expiresAt)}</td></tr>`)}</tbody></table></div>` : ""}
                ${live.lockedUntil && new Date(live.lockedUntil) > new Date() ? html`<p class="error">Locked out after wrong passwords until ${time(live.lockedUntil)}.</p>` : ""}
                <h3>Current calls</h3>
                ${live.calls.length === 0 ? html`<p class="empty">None.</p>` : html`<ul>${live.calls.map((c) => {
                  const p = callParties(c);
                  return html`<li>${p.from} → ${p.to} (${c.kind})</li>`;
                })}</ul>`}
              </section>
              ${settings ? settingsForm() : ""}
              ${admin ? html`<form class="card" @submit=${setPassword} aria-labelledby="ext-password">
                <h2 id="ext-password">Reset SIP password</h2>
                <label>New password <input name="password" type="text" autocomplete="new-password" minlength="8" required aria-describedby=${describedBy(errors, "password")}></label>
                ${fieldError(errors, "password")}
                <div class="actions"><button type="button" class="secondary" @click=${(e) => (e.target.form.password.value = randomPassword())}>Generate</button>
                <button type="submit">Set password</button></div>
              </form>` : ""}`}
          </div>` : ""}`,
      el,
    );

  const settingsForm = () => html`
    <form class="card" @submit=${saveSettings} aria-labelledby="ext-settings">
      <h2 id="ext-settings">Forwarding and do not disturb</h2>
      <fieldset ?disabled=${!admin}>
        <label class="check"><input name="dnd" type="checkbox" ?checked=${settings.dnd}> Do not disturb</label>
        <label class="check"><input name="callWaiting" type="checkbox" ?checked=${settings.callWaiting}> Call waiting</label>
        <label>Forward always to <input name="forwardAlways" .value=${settings.forwardAlways ?? ""}></label>${fieldError(errors, "forwardAlways")}
        <label>Forward when busy to <input name="forwardBusy" .value=${settings.forwardBusy ?? ""}></label>${fieldError(errors, "forwardBusy")}
        <label>Forward on no answer to <input name="forwardNoAnswer" .value=${settings.forwardNoAnswer ?? ""}></label>${fieldError(errors, "forwardNoAnswer")}
        <label>No answer after (seconds) <input name="noAnswerSeconds" type="number" min="5" max="120" .value=${String(settings.noAnswerSeconds)}></label>${fieldError(errors, "noAnswerSeconds")}
        ${admin ? html`<div class="actions"><button type="submit">Save settings</button></div>` : ""}
      </fieldset>
    </form>`;

  async function run(action, success) {
    errors = {};
    error = "";
    message = "";
    try {
      await action();
      message = success;
    } catch (err) {
      errors = err.fieldErrors ?? {};
      error = err.message;
    }
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
    return run(async () => (extension = await request("PUT", `/api/v1/extensions/${id}`, body)), "Saved.");
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
    return run(async () => (settings = await request("PUT", `/api/v1/extensions/${id}/settings`, body)), "Settings saved.");
  }

  function setPassword(e) {
    e.preventDefault();
    const password = e.target.password.value;
    return run(async () => {
      await request("POST", `/api/v1/extensions/${id}/password`, { password });
      e.target.reset();
    }, "Password changed: enter it in the phone.");
  }

  function remove() {
    if (!confirm(`Delete extension ${extension.number}? Its phones stop working at once.`)) return;
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
      if (generated !== null) message = generated ? `Created. Its SIP password is ${generated} (shown once: note it now).` : "Created.";
    } catch (err) {
      error = err.status === 404 ? "This extension does not exist (any more)." : `Could not load the extension: ${err.message}`;
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
