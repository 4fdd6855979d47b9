import { html, render } from "lit";
import { can, request } from "../api.js";
import { since, time } from "../format.js";
import { callActions, callParties, callState, liveModel, stateLabel } from "./live-model.js";
import { askNumber } from "./number-dialog.js";

// Operators and admins act on any call; each button is enabled only while its action applies to the call's state, and
// the API's answer (a 501 for an action the call engine lacks, a 409 for a state that moved on) is shown above the table.
export function mount(el) {
  const { model, stop } = liveModel(() => draw());
  const ticker = setInterval(() => draw(), 1000);
  const operate = can.operate();
  let actionError = "";

  async function act(callId, action, body) {
    actionError = "";
    try {
      await request("POST", `/api/v1/calls/active/${encodeURIComponent(callId)}/${action}`, body);
    } catch (e) {
      actionError = e.message;
    }
    draw();
  }

  async function askAndAct(callId, action, dialog) {
    const target = await askNumber(dialog);
    if (target) await act(callId, action, { target });
  }

  function actionButtons(call, parties) {
    const state = callState(call);
    const applies = new Set(callActions(state));
    const who = `${parties.from} to ${parties.to}`;
    const button = (action, label, onClick, name = `${label} ${who}`) =>
      html`<button type="button" aria-label=${name} ?disabled=${!applies.has(action)} @click=${onClick}>${label}</button>`;
    return html`<td class="actions">
      ${button("hangup", "Hang up", () => act(call.key, "hangup"))}
      ${state.held ? button("resume", "Resume", () => act(call.key, "resume")) : button("hold", "Hold", () => act(call.key, "hold"))}
      ${button("transfer", "Transfer…", () => askAndAct(call.key, "transfer", { title: `Transfer ${who}`, label: "Transfer to", submit: "Transfer" }), `Transfer ${who}`)}
      ${state.recording ? button("stop-recording", "Stop recording", () => act(call.key, "stop-recording"))
        : button("start-recording", "Record", () => act(call.key, "start-recording"))}
      ${state.ringing ? button("deflect", "Deflect…", () => askAndAct(call.key, "deflect", { title: `Deflect ${who}`, label: "Ring instead", submit: "Deflect", voicemail: true }), `Deflect ${who}`) : ""}
    </td>`;
  }

  function stateCell(call) {
    const state = callState(call);
    return html`<td>${stateLabel(call)}
      ${state.recording ? html`<span class="rec" role="img" aria-label="Recording" title="This call is being recorded">● REC</span>` : ""}</td>`;
  }

  function draw() {
    const calls = [...model.calls.values()];
    render(
      html`
        <h1>Live calls</h1>
        ${actionError ? html`<p class="error" role="alert">${actionError}</p>` : ""}
        ${model.error ? html`<p class="error" role="alert">${model.error}</p>` : ""}
        ${!model.loaded ? html`<p class="loading" role="status">Loading…</p>` : calls.length === 0 ? html`<p class="empty">No calls right now.</p>` : html`
          <div class="table-wrap"><table>
            <thead><tr><th>Started</th><th>From</th><th>To</th><th>State</th><th>Duration</th>${operate ? html`<th>Actions</th>` : ""}</tr></thead>
            <tbody>${calls.map((c) => {
              const p = callParties(c);
              return html`<tr data-call-id=${c.key}><td>${time(c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</td><td>${p.from}</td><td>${p.to}</td>${stateCell(c)}
                <td>${since(c.data?.answeredAt ?? c.data?.startedAt ?? c.startedAt ?? c.timestamp)}</td>
                ${operate ? actionButtons(c, p) : ""}</tr>`;
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
