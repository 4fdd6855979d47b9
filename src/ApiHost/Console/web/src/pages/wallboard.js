import { html, render } from "lit";
import { callParties, extensionState, liveModel } from "./live-model.js";
import { since } from "../format.js";

const stateLabels = { idle: "Idle", ringing: "Ringing", "in-call": "In call", dnd: "DND", offline: "Offline" };

export function mount(el) {
  const { model, stop } = liveModel(() => draw());
  // Durations tick every second without waiting for events.
  const ticker = setInterval(() => draw(), 1000);

  function draw() {
    const calls = [...model.calls.values()];
    render(
      html`
        <div class="wallboard">
          <section aria-labelledby="wb-calls">
            <h1 id="wb-calls">Active calls ${model.loaded ? html`<span class="count" data-testid="wallboard-call-count">${calls.length}</span>` : ""}</h1>
            ${model.error ? html`<p class="error" role="alert">${model.error}</p>` : ""}
            ${!model.loaded ? html`<p class="loading" role="status">Loading…</p>` : calls.length === 0
              ? html`<p class="empty">No calls right now.</p>`
              : html`<ul class="wb-calls">${calls.map((c) => {
                  const p = callParties(c);
                  return html`<li class="wb-call ${c.kind}" data-call-id=${c.key}>
                    <span class="parties">${p.from} → ${p.to}</span>
                    <span class="kind">${c.kind}</span>
                    <span class="ticking">${since(c.data?.answeredAt ?? c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</span></li>`;
                })}</ul>`}
          </section>
          <section aria-labelledby="wb-ext">
            <h1 id="wb-ext">Extensions</h1>
            ${model.loaded && model.extensions.length === 0 ? html`<p class="empty">No extensions yet.</p>` : ""}
            <ul class="wb-grid">${model.extensions.map((x) => {
              const state = extensionState(model, x.number);
              return html`<li class="wb-ext ${state}" data-number=${x.number} data-state=${state}>
                <span class="number">${x.number}</span><span class="name">${x.displayName}</span><span class="state">${stateLabels[state] ?? state}</span></li>`;
            })}</ul>
          </section>
        </div>
        ${document.fullscreenEnabled ? html`<p class="wallboard-tools"><button type="button" class="secondary" @click=${() => document.body.requestFullscreen()}>Full screen</button></p>` : ""}`,
      el,
    );
  }
  draw();
  return () => {
    clearInterval(ticker);
    stop();
  };
}
