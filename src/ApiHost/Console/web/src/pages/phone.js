// The signed-in user's own phone: click-to-call from its extension, its current call (hang up, hold, resume, transfer,
// tones), incoming calls with deflect, and its call history. Calls come from the live stream; actions go to
// /api/v1/me/phone, which only lets the user act on their own extension's calls.
import { html, render } from "lit";
import { can, get, query, request } from "../api.js";
import { dateTime, duration, since } from "../format.js";
import { t } from "../i18n/i18n.js";
import { dispositionTag } from "./cells.js";
import { callActions, callParties, callState, liveModel, recordingBadge, stateLabel } from "./live-model.js";
import { askNumber } from "./number-dialog.js";
import { empty, failed, loading } from "./states.js";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

export function mount(el) {
  const state = { number: undefined, dialled: "", tones: "", history: null, error: "", notice: "" };
  const { model, stop } = liveModel(() => draw());
  const ticker = setInterval(() => draw(), 1000);

  async function load() {
    try {
      state.number = (await get("/api/v1/me/phone")).extensionNumber;
      if (state.number) {
        state.history = (await get(`/api/v1/calls${query({ number: state.number, sort: "-startedAt", pageSize: 10 })}`)).items;
      }
      state.error = "";
    } catch (e) {
      state.error = t("phone.loadFailed", { reason: e.message });
    }
    draw();
  }

  /** Posts an action; true when the API accepted it, otherwise its problem is shown. */
  async function post(url, body, notice = "") {
    let accepted = false;
    try {
      await request("POST", url, body);
      state.error = "";
      state.notice = notice;
      accepted = true;
    } catch (e) {
      state.error = e.message;
      state.notice = "";
    }
    draw();
    return accepted;
  }

  const act = (call, action, body) => post(`/api/v1/me/phone/calls/${encodeURIComponent(call.key)}/${action}`, body);

  async function callNumber(e) {
    e.preventDefault();
    const to = state.dialled.trim();
    if (to) await post("/api/v1/me/phone/originate", { to }, t("phone.calling", { number: to }));
  }

  async function sendTone(call, digit) {
    if (await act(call, "dtmf", { digits: digit })) {
      state.tones += digit;
      draw();
    }
  }

  async function transfer(call) {
    const target = await askNumber({ title: t("phone.transferTitle"), label: t("action.transferTo"), submit: t("action.transferSubmit") });
    if (target) await act(call, "transfer", { target });
  }

  async function deflect(call) {
    const target = await askNumber({ title: t("phone.deflectTitle"), label: t("action.ringInstead"), submit: t("action.deflectSubmit"), voicemail: true });
    if (target) await act(call, "deflect", { target });
  }

  // The latest call in progress with this extension on either side.
  function currentCall() {
    const mine = [...model.calls.values()].filter((c) => {
      const p = callParties(c);
      return p.from === state.number || p.to === state.number;
    });
    return mine.at(-1);
  }

  function currentCallSection(call) {
    if (!call) {
      state.tones = "";
      return empty(t("phone.noCall"));
    }
    const parties = callParties(call);
    const flags = callState(call);
    const applies = new Set(callActions(flags));
    return html`
      <p data-testid="current-call">${parties.from} → ${parties.to} · ${stateLabel(call)} · <span class="ticking">${since(call.data?.answeredAt ?? call.data?.startedAt ?? call.timestamp)}</span>
        ${flags.recording ? recordingBadge() : ""}</p>
      <div class="actions">
        <button type="button" ?disabled=${!applies.has("hangup")} @click=${() => act(call, "hangup")}>${t("action.hangup")}</button>
        ${flags.held ? html`<button type="button" ?disabled=${!applies.has("resume")} @click=${() => act(call, "resume")}>${t("action.resume")}</button>`
          : html`<button type="button" ?disabled=${!applies.has("hold")} @click=${() => act(call, "hold")}>${t("action.hold")}</button>`}
        <button type="button" ?disabled=${!applies.has("transfer")} @click=${() => transfer(call)}>${t("action.transfer")}</button>
      </div>
      ${applies.has("dtmf") ? html`
        <h3>${t("phone.tones")}</h3>
        <div role="group" aria-label=${t("phone.sendTones")} class="keys tones">
          ${keys.map((k) => html`<button type="button" aria-label=${t("phone.tone", { key: k })} @click=${() => sendTone(call, k)}>${k}</button>`)}
        </div>
        <p class="sent-tones" aria-live="polite">${state.tones ? t("phone.sent", { tones: state.tones }) : ""}</p>` : ""}`;
  }

  function draw() {
    if (state.number === null) {
      // An administrator links the extension on the users page; anyone else asks one to.
      render(html`<h1>${t("nav.phone")}</h1>${can.admin()
        ? html`<p class="empty">${t("phone.noExtensionAdmin")} <a href="#/users">${t("phone.openUsers")}</a></p>`
        : empty(t("phone.noExtension"))}`, el);
      return;
    }
    const call = state.number ? currentCall() : undefined;
    const parties = call ? callParties(call) : undefined;
    const incoming = call && callState(call).ringing && parties.to === state.number;
    render(
      html`
        <h1>${state.number ? t("phone.title", { number: state.number }) : t("nav.phone")}</h1>
        ${state.number === undefined && !state.error ? loading() : ""}
        ${state.error ? failed(state.error, state.number === undefined ? load : null) : ""}
        ${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ""}
        ${incoming ? html`<div class="notice incoming">
          <p role="alert">${t("phone.incoming", { number: parties.from })}</p>
          <div class="actions">
            <button type="button" @click=${() => deflect(call)}>${t("phone.sendElsewhere")}</button>
            <button type="button" class="secondary" @click=${() => act(call, "deflect", { target: "voicemail" })}>${t("action.toVoicemail")}</button>
          </div></div>` : ""}
        <section aria-labelledby="phone-current" class="current-call">
          <h2 id="phone-current">${t("phone.currentCall")}</h2>
          ${currentCallSection(call)}
        </section>
        ${call ? "" : html`<section aria-label=${t("phone.dialpad")} class="dialpad">
          <h2>${t("phone.dial")}</h2>
          <form @submit=${callNumber}>
            <label>${t("phone.number")} <input inputmode="tel" autocomplete="off" .value=${state.dialled} @input=${(e) => { state.dialled = e.target.value; draw(); }}></label>
            <div class="keys">${keys.map((k) => html`<button type="button" @click=${() => { state.dialled += k; draw(); }}>${k}</button>`)}</div>
            <button type="submit" ?disabled=${!state.dialled.trim()} title=${t("phone.callHint")}>${t("phone.call")}</button>
          </form>
        </section>`}
        <section aria-labelledby="phone-history">
          <h2 id="phone-history">${t("phone.myCalls")}</h2>
          ${!state.history ? "" : state.history.length === 0 ? empty(t("phone.noCalls")) : html`
            <div class="table-wrap"><table class="my-calls">
              <thead><tr><th>${t("call.started")}</th><th>${t("call.from")}</th><th>${t("call.to")}</th><th>${t("call.result")}</th><th>${t("call.duration")}</th></tr></thead>
              <tbody>${state.history.map((c) => html`<tr><td>${dateTime(c.startedAt)}</td><td>${c.caller}</td><td>${c.callee}</td>
                <td>${dispositionTag(c.disposition)}</td><td>${duration(c.durationSeconds ?? 0)}</td></tr>`)}</tbody></table></div>`}
        </section>`,
      el,
    );
  }
  load();
  return () => {
    clearInterval(ticker);
    stop();
  };
}
