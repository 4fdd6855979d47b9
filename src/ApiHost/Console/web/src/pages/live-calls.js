import { html, render } from "lit";
import { can } from "../api.js";
import { since, time } from "../format.js";
import { callParties, liveModel } from "./live-model.js";

// Call control (hang up, hold, transfer, recording) needs the calls API, which this PBX version does not offer yet.
const actions = ["Hang up", "Hold", "Transfer", "Record"];

export function mount(el) {
  const { model, stop } = liveModel(() => draw());
  const ticker = setInterval(() => draw(), 1000);
  const operate = can.operate();

  function draw() {
    const calls = [...model.calls.values()];
    render(
      html`
        <h1>Live calls</h1>
        ${operate ? html`<p class="notice">Call actions become available once this PBX version offers call control.</p>` : ""}
        ${model.error ? html`<p class="error" role="alert">${model.error}</p>` : ""}
        ${!model.loaded ? html`<p class="loading" role="status">Loading…</p>` : calls.length === 0 ? html`<p class="empty">No calls right now.</p>` : html`
          <div class="table-wrap"><table>
            <thead><tr><th>Started</th><th>From</th><th>To</th><th>State</th><th>Duration</th>${operate ? html`<th>Actions</th>` : ""}</tr></thead>
            <tbody>${calls.map((c) => {
              const p = callParties(c);
              return html`<tr data-call-id=${c.key}><td>${time(c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</td><td>${p.from}</td><td>${p.to}</td><td>${c.kind}</td>
                <td>${since(c.data?.answeredAt ?? c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</td>
                ${operate ? html`<td class="actions">${actions.map((a) => html`<button type="button" disabled title="Not available in this version">${a}</button>`)}</td>` : ""}</tr>`;
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
