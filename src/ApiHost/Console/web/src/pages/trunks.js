// Carrier trunks: the list with each trunk's true registration state (from its grain), and a form per trunk. Changes go
// as a PATCH naming only the fields the user changed, so whatever the form does not show or the user left alone is kept.
import { html, nothing, render } from "lit";
import { can, get, request } from "../api.js";
import { listen } from "../live.js";
import { number, time } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { orDash } from "./cells.js";
import { describedBy, fieldError } from "./form.js";
import { empty, failed, loading } from "./states.js";

// The form's fields in the order shown, grouped as a carrier's sign-up sheet lists them. kind: text (blank = not set),
// number, check, choice, list (comma-separated), secret (never read back; blank = keep the stored one).
const sections = [
  ["trunk.sectionCarrier", [
    { name: "id", required: true, createOnly: true, pattern: "[a-z0-9_-]{1,32}" },
    { name: "description", blankIs: "" },
    { name: "enabled", kind: "check", initial: true },
    { name: "host", required: true },
    { name: "port", kind: "number", initial: 5060, min: 1, max: 65535 },
    { name: "transport", kind: "choice", values: ["udp", "tcp"], initial: "udp" },
    { name: "outboundProxy" },
  ]],
  ["trunk.sectionAuth", [
    { name: "username" },
    { name: "password", kind: "secret" },
    { name: "realm" },
    { name: "storeHa1Only", kind: "check", initial: true },
    { name: "register", kind: "check", initial: false },
    { name: "registerExpires", kind: "number", initial: 3600, min: 60, max: 86400 },
  ]],
  ["trunk.sectionNumbers", [
    { name: "countryCode", required: true, pattern: "[1-9][0-9]{0,2}", inputmode: "numeric" },
    { name: "nationalPrefix", initial: "0", blankIs: "" },
    { name: "internationalPrefix", initial: "00", blankIs: "" },
    { name: "nationalLength", kind: "number", initial: 0, min: 0, max: 14 },
    { name: "carrierFormat", kind: "choice", values: ["e164", "international", "national"], initial: "e164" },
    { name: "defaultCallerId", inputmode: "tel" },
    { name: "privacy", kind: "check", initial: false },
  ]],
  ["trunk.sectionCalls", [
    { name: "maxCalls", kind: "number", initial: 30, min: 1, max: 10000 },
    { name: "codecs", kind: "list", initial: ["PCMA", "PCMU"] },
    { name: "allowedNetworks", kind: "list", initial: [] },
  ]],
];
const fields = sections.flatMap(([, list]) => list);

export function mount(el, [id]) {
  return id ? mountDetail(el, decodeURIComponent(id)) : mountList(el);
}

/**
 * A trunk's state as a coloured tag, why (in the user's words where the API's reason is one of its fixed ones) and its
 * calls in use; null while its status is not known yet.
 */
function statusParts(trunk, status) {
  if (!status) return null;
  if (status.error) return { tag: html`<span class="tag">${t("trunks.statusUnknown")}</span>`, reason: status.error, calls: "" };
  return {
    tag: html`<span class="tag ${status.state}" data-testid="trunk-state">${valueLabel("trunkState", status.state)}</span>`,
    reason: html`<span data-testid="trunk-reason">${statusReason(trunk, status)}</span>`,
    calls: t("trunks.callsInUse", { calls: number(status.activeCalls), max: number(status.maxCalls) }),
  };
}

function statusReason(trunk, status) {
  switch (status.state) {
    case "disabled":
      return t(trunk.enabled ? "trunks.reasonNotRegistering" : "trunks.reasonDisabled");
    case "registering":
      return t("trunks.reasonWaiting");
    case "registered":
      return status.expiresAt ? t("trunks.registeredUntil", { time: time(status.expiresAt) }) : "";
    default:
      // The carrier's or the network's own words (a SIP status line, a timeout): shown as the edge saw them.
      return html`${status.reason ?? ""}${status.failedAt ? html` <span class="muted">(${time(status.failedAt)})</span>` : ""}`;
  }
}

/** The state of every trunk, each asked on its own so one that does not answer leaves the others shown. */
async function statusesOf(trunks) {
  const answers = await Promise.all(trunks.map((x) =>
    get(`/api/v1/trunks/${encodeURIComponent(x.id)}/status`).catch((err) => ({ error: err.message }))));
  return new Map(trunks.map((x, i) => [x.id, answers[i]]));
}

function mountList(el) {
  let trunks = null;
  let statuses = new Map();
  let error = "";

  const draw = () =>
    render(
      html`
        <div class="page-head">
          <h1>${t("nav.trunks")}</h1>
          ${can.admin() ? html`<a class="button" href="#/trunks/new">${t("trunks.new")}</a>` : ""}
        </div>
        ${error ? failed(error, load) : ""}
        ${!trunks && !error ? loading() : ""}
        ${trunks && trunks.length === 0 ? empty(t("trunks.none")) : ""}
        ${trunks && trunks.length > 0 ? html`<div class="table-wrap"><table class="trunks">
          <thead><tr><th>${t("trunk.id")}</th><th>${t("trunk.host")}</th><th>${t("trunks.state")}</th><th>${t("trunks.reason")}</th>
            <th>${t("trunks.calls")}</th><th><span class="visually-hidden">${t("common.actions")}</span></th></tr></thead>
          <tbody>${trunks.map((x) => {
            // Statuses are read with the list, so every trunk has one.
            const status = statusParts(x, statuses.get(x.id));
            return html`<tr data-trunk=${x.id}>
              <td>${x.id}${x.description ? html`<br><small class="muted">${x.description}</small>` : ""}</td>
              <td>${x.host}:${x.port} ${x.transport.toUpperCase()}</td>
              <td>${status.tag}</td><td class="wrap">${status.reason}</td><td>${status.calls}</td>
              <td><a href="#/trunks/${encodeURIComponent(x.id)}">${can.admin() ? t("common.edit") : t("common.view")}<span class="visually-hidden"> ${x.id}</span></a></td>
            </tr>`;
          })}</tbody></table></div>` : ""}`,
      el,
    );

  async function load() {
    try {
      const list = await get("/api/v1/trunks");
      statuses = await statusesOf(list);
      trunks = list;
      error = "";
    } catch (err) {
      error = t("trunks.loadFailed", { reason: err.message });
    }
    draw();
  }

  // Registration outcomes arrive as live events; calls in use change without one, so the list is also read every 15 s.
  const timer = setInterval(load, 15_000);
  const stop = listen("trunk", () => load());
  draw();
  load();
  return () => {
    clearInterval(timer);
    stop();
  };
}

function mountDetail(el, id) {
  const creating = id === "new";
  const admin = can.admin();
  let trunk = creating ? Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === "check" ? false : "")])) : null;
  let status = null;
  let errors = {};
  let error = "";
  let message = "";
  let probe = null; // the last trunk test's answer
  let probing = false;

  const input = (f) => {
    const value = trunk[f.name];
    const described = describedBy(errors, f.name);
    const label = t(`trunk.${f.name}`);
    const hint = hints.has(f.name) ? html`<small class="muted">${t(`trunkHint.${f.name}`)}</small>` : "";
    if (f.kind === "check") {
      return html`<label class="check"><input name=${f.name} type="checkbox" ?checked=${value}> ${label}</label>${hint}${fieldError(errors, f.name)}`;
    }
    const control = f.kind === "choice"
      ? html`<select name=${f.name} aria-describedby=${described}>${f.values.map((v) => html`<option value=${v} ?selected=${v === value}>${valueLabel(`trunk.${f.name}`, v)}</option>`)}</select>`
      : html`<input name=${f.name} type=${f.kind === "number" ? "number" : "text"} min=${f.min ?? nothing} max=${f.max ?? nothing}
          pattern=${f.pattern ?? nothing} inputmode=${f.inputmode ?? (f.kind === "number" ? "numeric" : "text")}
          autocomplete=${f.kind === "secret" ? "new-password" : "off"} ?required=${f.required} ?readonly=${f.createOnly && !creating}
          placeholder=${f.kind === "secret" && trunk.hasPassword ? t("trunk.passwordKept") : nothing}
          .value=${f.kind === "list" ? (value ?? []).join(", ") : f.kind === "secret" ? "" : String(value ?? "")} aria-describedby=${described}>`;
    return html`<label>${label} ${hint} ${control}</label>${fieldError(errors, f.name)}`;
  };

  const draw = () =>
    render(
      html`
        <p><a href="#/trunks">← ${t("trunks.all")}</a></p>
        <h1>${creating ? t("trunks.new") : t("trunk.title", { id })}</h1>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, trunk ? null : load) : ""}
        ${!trunk && !error ? loading() : ""}
        ${trunk ? html`
          ${creating ? "" : html`<section class="card" aria-labelledby="trunk-status"><h2 id="trunk-status">${t("trunks.state")}</h2>
            ${((p) => (p ? html`<p>${p.tag} ${p.reason}</p><p>${t("trunks.calls")}: ${p.calls}</p>` : loading()))(statusParts(trunk, status))}
            ${can.operate() ? html`<p><button type="button" class="secondary" ?disabled=${probing} @click=${test}>${t("trunks.test")}</button>
              <small class="muted">${t("trunks.testHint")}</small></p>` : ""}
            ${probe ? html`<p role="status" data-testid="trunk-test" data-reached=${probe.reached}>${probe.reached
              ? t("trunks.testReached", { status: probe.status, reason: probe.reason, ms: Math.round(probe.roundTripMs) })
              : t("trunks.testSilent", { reason: probe.reason })}</p>` : ""}</section>`}
          <form @submit=${save} aria-label=${creating ? t("trunks.new") : t("trunk.title", { id })} novalidate>
            <fieldset ?disabled=${!admin} class="columns">
              ${sections.map(([title, list]) => html`<section class="card" aria-labelledby=${title}>
                <h2 id=${title}>${t(title)}</h2>${list.map(input)}</section>`)}
            </fieldset>
            ${admin ? html`<div class="actions"><button type="submit">${creating ? t("common.create") : t("common.save")}</button>
              ${creating ? "" : html`<button type="button" class="danger" @click=${remove}>${t("common.delete")}</button>`}</div>` : ""}
          </form>` : ""}`,
      el,
    );

  async function test() {
    probing = true;
    probe = null;
    draw();
    try {
      probe = await request("POST", `/api/v1/trunks/${encodeURIComponent(id)}/test`);
    } catch (err) {
      probe = { reached: false, reason: err.message };
    }
    probing = false;
    draw();
  }

  /** The form's value of field f as the API takes it. */
  function read(form, f) {
    const element = form.elements[f.name];
    if (!element) return undefined;
    if (f.kind === "check") return element.checked;
    const text = element.value.trim();
    if (f.kind === "number") return text === "" ? null : Number(text);
    if (f.kind === "list") return text.split(/[\s,]+/).filter(Boolean);
    if (text === "") return f.kind === "secret" ? undefined : f.blankIs ?? null;
    return text;
  }

  async function save(e) {
    e.preventDefault();
    const form = e.target;
    const body = {};
    for (const f of fields) {
      const value = read(form, f);
      if (value === undefined || (f.createOnly && !creating)) continue;
      // On an edit only what changed: the PATCH keeps the rest as stored.
      if (creating || JSON.stringify(value) !== JSON.stringify(trunk[f.name] ?? (f.kind === "list" ? [] : null))) body[f.name] = value;
    }
    // How a password is kept matters only with a new one: the stored one keeps its form.
    if (body.password === undefined) delete body.storeHa1Only;
    else body.storeHa1Only = read(form, fields.find((f) => f.name === "storeHa1Only"));
    errors = {};
    error = "";
    message = "";
    try {
      if (creating) {
        const created = await request("POST", "/api/v1/trunks", body);
        sessionStorage.setItem("pbx.trunkCreated", created.id);
        location.hash = `#/trunks/${encodeURIComponent(created.id)}`;
        return;
      }
      if (Object.keys(body).length) trunk = { ...(await request("PATCH", `/api/v1/trunks/${encodeURIComponent(id)}`, body)), storeHa1Only: trunk.storeHa1Only };
      message = Object.keys(body).length ? t("common.saved") : t("trunk.nothingChanged");
      form.elements.password.value = "";
      status = await get(`/api/v1/trunks/${encodeURIComponent(id)}/status`).catch(() => status);
    } catch (err) {
      errors = err.fieldErrors ?? {};
      error = err.message;
    }
    draw();
  }

  async function remove() {
    if (!confirm(t("trunk.confirmDelete", { id }))) return;
    try {
      await request("DELETE", `/api/v1/trunks/${encodeURIComponent(id)}`);
      location.hash = "#/trunks";
    } catch (err) {
      error = err.message;
      draw();
    }
  }

  async function load() {
    try {
      const [x, s] = await Promise.all([get(`/api/v1/trunks/${encodeURIComponent(id)}`), statusesOf([{ id }])]);
      trunk = { ...x, storeHa1Only: true };
      status = s.get(id);
      if (sessionStorage.getItem("pbx.trunkCreated") === id) message = t("trunk.created");
      sessionStorage.removeItem("pbx.trunkCreated");
      error = "";
    } catch (err) {
      error = err.status === 404 ? t("trunk.gone") : t("trunks.loadFailed", { reason: err.message });
    }
    draw();
  }

  if (creating) {
    draw();
    return () => {};
  }
  const stop = listen("trunk", (event) => event.key === id && load());
  draw();
  load();
  return stop;
}

// Fields whose label alone does not say enough: "trunkHint.<name>".
const hints = new Set(["realm", "storeHa1Only", "allowedNetworks", "codecs", "nationalLength", "outboundProxy"]);
