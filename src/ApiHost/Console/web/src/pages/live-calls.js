import { html, render } from "lit";
import { can, request } from "../api.js";
import { since, time } from "../format.js";
import { t } from "../i18n/i18n.js";
import { callActions, callParties, callState, liveModel, recordingBadge, stateLabel } from "./live-model.js";
import { askNumber } from "./number-dialog.js";
import { empty, failed, loading } from "./states.js";

// Operators and admins act on any call; each button is enabled only while its action applies to the call's state, and
// the API's answer (a 501 for an action the call engine lacks, a 409 for a state that moved on) is shown above the table.
export function mount(el) {
  const { model, reload, stop } = liveModel(() => draw());
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
    // Each button's accessible name says which call it acts on: a screen reader lists them out of their row.
    const button = (action, labelKey, onClick) =>
      html`<button type="button" aria-label=${t(`${labelKey}.of`, parties)} ?disabled=${!applies.has(action)} @click=${onClick}>${t(labelKey)}</button>`;
    return html`<td class="actions">
      ${button("hangup", "action.hangup", () => act(call.key, "hangup"))}
      ${state.held ? button("resume", "action.resume", () => act(call.key, "resume")) : button("hold", "action.hold", () => act(call.key, "hold"))}
      ${button("transfer", "action.transfer", () => askAndAct(call.key, "transfer", { title: t("action.transfer.of", parties), label: t("action.transferTo"), submit: t("action.transferSubmit") }))}
      ${state.recording ? button("stop-recording", "action.stopRecording", () => act(call.key, "stop-recording"))
        : button("start-recording", "action.record", () => act(call.key, "start-recording"))}
      ${state.ringing ? button("deflect", "action.deflect", () => askAndAct(call.key, "deflect", { title: t("action.deflect.of", parties), label: t("action.ringInstead"), submit: t("action.deflectSubmit"), voicemail: true })) : ""}
    </td>`;
  }

  function stateCell(call) {
    const state = callState(call);
    return html`<td>${stateLabel(call)} ${state.recording ? recordingBadge() : ""}</td>`;
  }

  function draw() {
    const calls = [...model.calls.values()];
    render(
      html`
        <h1>${t("nav.calls")}</h1>
        ${actionError ? failed(actionError) : ""}
        ${model.error ? failed(model.error, reload) : ""}
        ${!model.loaded ? loading() : calls.length === 0 ? empty(t("calls.none")) : html`
          <div class="table-wrap"><table>
            <thead><tr><th>${t("call.started")}</th><th>${t("call.from")}</th><th>${t("call.to")}</th><th>${t("call.state")}</th><th>${t("call.duration")}</th>${operate ? html`<th>${t("common.actions")}</th>` : ""}</tr></thead>
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
