import { html, render } from "lit";
import { download, get, latestOnly, query } from "../api.js";
import { dateTime, dayRange, duration } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { dispositionTag } from "./cells.js";
import { formObject } from "./form.js";
import { pager } from "./extensions.js";
import { recordingPlayer } from "./recording-player.js";
import { empty, failed, loading } from "./states.js";

const dispositions = ["answered", "busy", "no-answer", "failed", "cancelled", "interrupted"];
const directions = ["internal", "inbound", "outbound"];

export function mount(el) {
  let filter = {};
  let page = 1;
  let result = null;
  let error = "";
  const fetchCalls = latestOnly(get);
  const player = recordingPlayer(() => draw(), (message) => (error = message));

  // Dates are days of the organisation's calendar, as the table shows them.
  const apiFilter = () => ({
    ...dayRange(filter.from, filter.to),
    number: filter.number,
    direction: filter.direction,
    disposition: filter.disposition,
  });

  const choice = (name, values) => html`<select name=${name}><option value="">${t("history.any")}</option>
    ${values.map((v) => html`<option value=${v}>${valueLabel(name, v)}</option>`)}</select>`;

  const draw = () =>
    render(
      html`
        <h1>${t("nav.history")}</h1>
        <form class="filters" role="search" @submit=${(e) => { e.preventDefault(); filter = formObject(e.target); page = 1; load(); }}>
          <label>${t("history.from")} <input name="from" type="date"></label>
          <label>${t("history.to")} <input name="to" type="date"></label>
          <label>${t("history.number")} <input name="number" inputmode="tel"></label>
          <label>${t("call.direction")} ${choice("direction", directions)}</label>
          <label>${t("call.result")} ${choice("disposition", dispositions)}</label>
          <div class="filter-actions">
            <button type="submit">${t("history.filter")}</button>
            <button type="button" class="secondary" @click=${exportCsv}>${t("history.exportCsv")}</button>
          </div>
        </form>
        ${error ? failed(error, load) : ""}
        ${!result && !error ? loading() : ""}
        ${result && result.items.length === 0 ? empty(t("history.noneMatch")) : ""}
        ${result && result.items.length > 0 ? html`
          <div class="table-wrap"><table class="history">
            <thead><tr><th>${t("call.started")}</th><th>${t("call.from")}</th><th>${t("call.to")}</th><th>${t("call.direction")}</th><th>${t("call.result")}</th><th>${t("call.duration")}</th><th>${t("call.recording")}</th></tr></thead>
            <tbody>${result.items.map((c) => html`<tr data-call-id=${c.callId}>
              <td>${dateTime(c.startedAt)}</td><td>${c.callerName ? `${c.callerName} ` : ""}${c.caller}</td><td>${c.callee}</td><td>${valueLabel("direction", c.direction)}</td>
              <td>${dispositionTag(c.disposition)}</td><td>${duration(c.durationSeconds)}</td>
              <td>${c.recordingId ? player.controls(c.recordingId, c.callId) : ""}</td>
            </tr>`)}</tbody></table></div>
          ${pager(result, (p) => { page = p; load(); })}` : ""}`,
      el,
    );

  async function load() {
    try {
      result = await fetchCalls(`/api/v1/calls${query({ ...apiFilter(), page, pageSize: 50 })}`);
      error = "";
    } catch (err) {
      error = t("history.loadFailed", { reason: err.message });
    }
    draw();
  }

  async function exportCsv() {
    try {
      await download(`/api/v1/calls/export.csv${query(apiFilter())}`, "calls.csv");
    } catch (err) {
      error = t("history.exportFailed", { reason: err.message });
      draw();
    }
  }

  draw();
  load();
  return player.dispose;
}
