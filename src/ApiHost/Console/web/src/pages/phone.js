// The signed-in user's own phone: click-to-call from its extension, its current call (hang up, hold, resume, transfer,
// tones), incoming calls with deflect, and its call history. Calls come from the live stream; actions go to
// /api/v1/me/phone, which only lets the user act on their own extension's calls.
import { html, render } from "lit";
import { get, query, request } from "../api.js";
import { dateTime, duration, since } from "../format.js";
import { callActions, callParties, callState, liveModel, stateLabel } from "./live-model.js";
import { askNumber } from "./number-dialog.js";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

export function mount(el) {
  const state = { number: undefined, dialled: "", tones: "", history: [], error: "", notice: "" };
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
      state.error = `Could not load your phone: ${e.message}`;
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
    if (to) await post("/api/v1/me/phone/originate", { to }, `Calling ${to}: your phone rings first, then ${to}.`);
  }

  async function sendTone(call, digit) {
    if (await act(call, "dtmf", { digits: digit })) {
      state.tones += digit;
      draw();
    }
  }

  async function transfer(call) {
    const target = await askNumber({ title: "Transfer your call", label: "Transfer to", submit: "Transfer" });
    if (target) await act(call, "transfer", { target });
  }

  async function deflect(call) {
    const target = await askNumber({ title: "Send this call elsewhere", label: "Ring instead", submit: "Deflect", voicemail: true });
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
      return html`<p class="empty">No call right now.</p>`;
    }
    const parties = callParties(call);
    const flags = callState(call);
    const applies = new Set(callActions(flags));
    return html`
      <p data-testid="current-call">${parties.from} → ${parties.to} · ${stateLabel(call)} · <span class="ticking">${since(call.data?.answeredAt ?? call.data?.startedAt ?? call.timestamp)}</span>
        ${flags.recording ? html`<span class="rec" role="img" aria-label="Recording">● REC</span>` : ""}</p>
      <div class="actions">
        <button type="button" ?disabled=${!applies.has("hangup")} @click=${() => act(call, "hangup")}>Hang up</button>
        ${flags.held ? html`<button type="button" ?disabled=${!applies.has("resume")} @click=${() => act(call, "resume")}>Resume</button>`
          : html`<button type="button" ?disabled=${!applies.has("hold")} @click=${() => act(call, "hold")}>Hold</button>`}
        <button type="button" ?disabled=${!applies.has("transfer")} @click=${() => transfer(call)}>Transfer…</button>
      </div>
      ${applies.has("dtmf") ? html`
        <h3>Tones</h3>
        <div role="group" aria-label="Send tones" class="keys tones">
          ${keys.map((k) => html`<button type="button" aria-label=${`Tone ${k}`} @click=${() => sendTone(call, k)}>${k}</button>`)}
        </div>
        <p class="sent-tones" aria-live="polite">${state.tones ? `Sent: ${state.tones}` : ""}</p>` : ""}`;
  }

  function draw() {
    if (state.number === null) {
      render(html`<h1>Phone</h1><p class="empty">No extension is linked to your user; an admin can link one on the Users page.</p>`, el);
      return;
    }
    const call = state.number ? currentCall() : undefined;
    const parties = call ? callParties(call) : undefined;
    const incoming = call && callState(call).ringing && parties.to === state.number;
    render(
      html`
        <h1>Phone ${state.number ?? ""}</h1>
        ${state.number === undefined && !state.error ? html`<p class="loading" role="status">Loading…</p>` : ""}
        ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ""}
        ${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ""}
        ${incoming ? html`<div class="notice incoming">
          <p role="alert">Incoming call from ${parties.from}</p>
          <div class="actions">
            <button type="button" @click=${() => deflect(call)}>Send elsewhere…</button>
            <button type="button" class="secondary" @click=${() => act(call, "deflect", { target: "voicemail" })}>To voicemail</button>
          </div></div>` : ""}
        <section aria-label="Current call" class="current-call">
          <h2>Current call</h2>
          ${currentCallSection(call)}
        </section>
        ${call ? "" : html`<section aria-label="Dialpad" class="dialpad">
          <h2>Dial</h2>
          <form @submit=${callNumber}>
            <label>Number <input inputmode="tel" autocomplete="off" .value=${state.dialled} @input=${(e) => { state.dialled = e.target.value; draw(); }}></label>
            <div class="keys">${keys.map((k) => html`<button type="button" @click=${() => { state.dialled += k; draw(); }}>${k}</button>`)}</div>
            <button type="submit" ?disabled=${!state.dialled.trim()} title="Your phone rings first, then the number">Call</button>
          </form>
        </section>`}
        <section aria-label="My calls">
          <h2>My calls</h2>
          ${state.history.length === 0 ? html`<p class="empty">No calls yet.</p>` : html`
            <div class="table-wrap"><table class="my-calls">
              <thead><tr><th>Started</th><th>From</th><th>To</th><th>Result</th><th>Duration</th></tr></thead>
              <tbody>${state.history.map((c) => html`<tr><td>${dateTime(c.startedAt)}</td><td>${c.caller}</td><td>${c.callee}</td>
                <td>${c.disposition ?? ""}</td><td>${duration(c.durationSeconds ?? 0)}</td></tr>`)}</tbody></table></div>`}
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
