import { html, render } from "lit";
import { callParties, extensionState, liveModel } from "./live-model.js";
import { number, since } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { orDash } from "./cells.js";
import { empty, failed, loading } from "./states.js";

export function mount(el) {
  const { model, reload, stop } = liveModel(() => draw());
  // Durations tick every second without waiting for events.
  const ticker = setInterval(() => draw(), 1000);

  function draw() {
    const calls = [...model.calls.values()];
    render(
      html`
        <div class="wallboard">
          <section aria-labelledby="wb-calls">
            <h1 id="wb-calls">${t("wallboard.activeCalls")} ${model.loaded ? html`<span class="count" data-testid="wallboard-call-count">${number(calls.length)}</span>` : ""}</h1>
            ${model.error ? failed(model.error, reload) : ""}
            ${!model.loaded ? loading() : calls.length === 0
              ? empty(t("calls.none"))
              : html`<ul class="wb-calls">${calls.map((c) => {
                  const p = callParties(c);
                  return html`<li class="wb-call ${c.kind}" data-call-id=${c.key}>
                    <span class="parties">${p.from} → ${p.to}</span>
                    <span class="kind">${valueLabel("callState", c.kind)}</span>
                    <span class="ticking">${since(c.data?.answeredAt ?? c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</span></li>`;
                })}</ul>`}
          </section>
          <section aria-labelledby="wb-ext">
            <h1 id="wb-ext">${t("nav.extensions")}</h1>
            ${model.loaded && model.extensions.length === 0 ? empty(t("wallboard.noExtensions")) : ""}
            <ul class="wb-grid">${model.extensions.map((x) => {
              const state = extensionState(model, x.number);
              return html`<li class="wb-ext ${state}" data-number=${x.number} data-state=${state}>
                <span class="number">${x.number}</span><span class="name">${orDash(x.displayName, t("extension.noName"))}</span><span class="state">${valueLabel("extensionState", state)}</span></li>`;
            })}</ul>
          </section>
        </div>
        ${document.fullscreenEnabled ? html`<p class="wallboard-tools"><button type="button" @click=${() => document.body.requestFullscreen()}>${t("wallboard.fullScreen")}</button></p>` : ""}`,
      el,
    );
  }
  draw();
  return () => {
    clearInterval(ticker);
    stop();
  };
}
