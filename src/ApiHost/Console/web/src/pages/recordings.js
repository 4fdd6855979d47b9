// Call recordings: found by call id and day, played in the page, downloaded, deleted by admins. A phone user is shown
// only its own extension's recordings (the API's scope).
import { html, render } from "lit";
import { can, get, latestOnly, query, request } from "../api.js";
import { bytes, dateTime, dayRange, durationInWords } from "../format.js";
import { t } from "../i18n/i18n.js";
import { pager } from "./extensions.js";
import { formObject } from "./form.js";
import { recordingPlayer } from "./recording-player.js";
import { empty, failed, loading } from "./states.js";
import { recordingRetentionDays } from "../organisation.js";

export function mount(el) {
  let filter = {};
  let page = 1;
  let result = null;
  let error = "";
  let message = "";
  const fetchRecordings = latestOnly(get);
  const player = recordingPlayer(() => draw(), (reason) => (error = reason));

  const draw = () =>
    render(
      html`
        <h1>${t("nav.recordings")}</h1>
        <p class="muted" data-testid="retention">${recordingRetentionDays() > 0 ? t("recordings.retention", { days: recordingRetentionDays() }) : t("recordings.keptUntilDeleted")}</p>
        <form class="filters" role="search" @submit=${(e) => { e.preventDefault(); filter = formObject(e.target); page = 1; load(); }}>
          <label>${t("history.from")} <input name="from" type="date"></label>
          <label>${t("history.to")} <input name="to" type="date"></label>
          <label>${t("recordings.callId")} <input name="callId" autocomplete="off"></label>
          <div class="filter-actions"><button type="submit">${t("history.filter")}</button></div>
        </form>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, load) : ""}
        ${!result && !error ? loading() : ""}
        ${result && result.items.length === 0 ? empty(t(Object.values(filter).some(Boolean) ? "recordings.noneMatch" : "recordings.none")) : ""}
        ${result && result.items.length > 0 ? html`
          <div class="table-wrap"><table class="recordings">
            <thead><tr><th>${t("recordings.recorded")}</th><th>${t("recordings.callId")}</th><th>${t("call.duration")}</th><th>${t("recordings.size")}</th>
              <th>${t("common.actions")}</th></tr></thead>
            <tbody>${result.items.map((r) => html`<tr data-recording=${r.id}>
              <td>${dateTime(r.createdAt)}</td><td class="wrap">${r.callId}</td><td>${durationInWords(r.durationMs / 1000)}</td><td>${bytes(r.sizeBytes)}</td>
              <td class="actions">${player.controls(r.id, r.callId)}
                ${can.admin() ? html`<button type="button" class="danger" @click=${() => remove(r)}>${t("common.delete")}<span class="visually-hidden"> ${r.callId}</span></button>` : ""}</td>
            </tr>`)}</tbody></table></div>
          ${pager(result, (p) => { page = p; load(); })}` : ""}`,
      el,
    );

  async function load() {
    try {
      result = await fetchRecordings(`/api/v1/recordings${query({ ...dayRange(filter.from, filter.to), callId: filter.callId?.trim(), page, pageSize: 25 })}`);
      error = "";
    } catch (err) {
      error = t("recordings.loadFailed", { reason: err.message });
    }
    draw();
  }

  async function remove(r) {
    if (!confirm(t("recordings.confirmDelete", { call: r.callId, time: dateTime(r.createdAt) }))) return;
    message = "";
    try {
      await request("DELETE", `/api/v1/recordings/${r.id}`);
      message = t("recordings.deleted");
      await load();
    } catch (err) {
      error = err.message;
      draw();
    }
  }

  draw();
  load();
  return player.dispose;
}
