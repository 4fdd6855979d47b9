// The signed-in user's own phone: its extension's current call and incoming calls from the live stream, actions on that
// call, and its call history. Click-to-call, hold, transfer and DTMF wait for the call engine (the API answers 501).
import { html, render } from "lit";
import { get, query, request } from "../api.js";
import { dateTime, duration, since } from "../format.js";
import { callParties, liveModel } from "./live-model.js";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const unavailable = ["Hold", "Resume", "Transfer"];

export function mount(el) {
  const state = { number: undefined, dialled: "", history: [], error: "" };
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

  async function hangUp() {
    try {
      await request("POST", "/api/v1/me/phone/hangup");
      state.error = "";
    } catch (e) {
      state.error = e.message;
    }
    draw();
  }

  // The latest call in progress with this extension on either side.
  function currentCall() {
    const mine = [...model.calls.values()].filter((c) => {
      const p = callParties(c);
      return p.from === state.number || p.to === state.number;
    });
    return mine.at(-1);
  }

  function draw() {
    if (state.number === null) {
      render(html`<h1>Phone</h1><p class="empty">No extension is linked to your user; an admin can link one on the Users page.</p>`, el);
      return;
    }
    const call = state.number ? currentCall() : undefined;
    const parties = call ? callParties(call) : undefined;
    const incoming = call && call.kind === "ringing" && parties.to === state.number;
    render(
      html`
        <h1>Phone ${state.number ?? ""}</h1>
        ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ""}
        ${incoming ? html`<p class="notice incoming" role="alert">Incoming call from ${parties.from}</p>` : ""}
        <section aria-label="Current call" class="current-call">
          <h2>Current call</h2>
          ${call ? html`
            <p data-testid="current-call">${parties.from} → ${parties.to} · ${call.kind} · <span class="ticking">${since(call.data?.answeredAt ?? call.data?.startedAt ?? call.timestamp)}</span></p>
            <div class="actions">
              <button type="button" ?disabled=${call.kind !== "answered"} @click=${hangUp}>Hang up</button>
              ${unavailable.map((a) => html`<button type="button" disabled title="Not available in this version yet">${a}</button>`)}
            </div>` : html`<p class="empty">No call right now.</p>`}
        </section>
        <section aria-label="Dialpad" class="dialpad">
          <h2>Dial</h2>
          <label>Number <input inputmode="tel" .value=${state.dialled} @input=${(e) => { state.dialled = e.target.value; }}></label>
          <div class="keys">${keys.map((k) => html`<button type="button" @click=${() => { state.dialled += k; draw(); }}>${k}</button>`)}</div>
          <button type="button" disabled title="Not available in this version yet">Call</button>
          <p class="notice">Calling from this page and sending tones to a call are not available in this version yet: dial from your phone.</p>
        </section>
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
