import { html, render } from "lit";
import { can, request } from "../api.js";
import { since, time } from "../format.js";
import { callParties, liveModel } from "./live-model.js";

// The call engine can hang up answered calls; hold, transfer and recording answer 501 from the API until it can do them.
const unavailable = ["Hold", "Transfer", "Record"];

export function mount(el) {
  const { model, stop } = liveModel(() => draw());
  const ticker = setInterval(() => draw(), 1000);
  const operate = can.operate();
  let actionError = "";

  async function hangUp(callId) {
    actionError = "";
    try {
      await request("POST", `/api/v1/calls/active/${encodeURIComponent(callId)}/hangup`);
    } catch (e) {
      actionError = e.message;
    }
    draw();
  }

  function draw() {
    const calls = [...model.calls.values()];
    render(
      html`
        <h1>Live calls</h1>
        ${operate ? html`<p class="notice">Hold, transfer and recording are not available in this version yet.</p>` : ""}
        ${actionError ? html`<p class="error" role="alert">${actionError}</p>` : ""}
        ${model.error ? html`<p class="error" role="alert">${model.error}</p>` : ""}
        ${!model.loaded ? html`<p class="loading" role="status">Loading…</p>` : calls.length === 0 ? html`<p class="empty">No calls right now.</p>` : html`
          <div class="table-wrap"><table>
            <thead><tr><th>Started</th><th>From</th><th>To</th><th>State</th><th>Duration</th>${operate ? html`<th>Actions</th>` : ""}</tr></thead>
            <tbody>${calls.map((c) => {
              const p = callParties(c);
              return html`<tr data-call-id=${c.key}><td>${time(c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</td><td>${p.from}</td><td>${p.to}</td><td>${c.kind}</td>
                <td>${since(c.data?.answeredAt ?? c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</td>
                ${operate ? html`<td class="actions">
                  <button type="button" aria-label=${`Hang up ${p.from} to ${p.to}`} ?disabled=${c.kind !== "answered"}
                    title=${c.kind === "answered" ? "Hang up both phones" : "Only answered calls can be hung up"} @click=${() => hangUp(c.key)}>Hang up</button>
                  ${unavailable.map((a) => html`<button type="button" disabled title="Not available in this version yet">${a}</button>`)}</td>` : ""}</tr>`;
            })}</tbody></table></div>`}`,
      el,
    );
  }
  draw();
  return () => {
    clearInterval(ticker);
    stop();
  };
}
