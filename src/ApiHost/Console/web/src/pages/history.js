import { html, render } from "lit";
import { blobUrl, download, get, latestOnly, query } from "../api.js";
import { dateTime, duration, localDateToIso } from "../format.js";
import { formObject } from "./form.js";
import { pager } from "./extensions.js";

const dispositions = ["answered", "busy", "no-answer", "failed", "cancelled", "interrupted"];
const directions = ["internal", "inbound", "outbound"];

export function mount(el) {
  let filter = {};
  let page = 1;
  let result = null;
  let error = "";
  let playing = null; // { id, url }
  const fetchCalls = latestOnly(get);

  // The "to" date is inclusive in the form, so the API's exclusive bound is the next midnight.
  const apiFilter = () => ({
    from: localDateToIso(filter.from),
    to: filter.to ? new Date(new Date(`${filter.to}T00:00:00`).getTime() + 86_400_000).toISOString() : "",
    number: filter.number,
    direction: filter.direction,
    disposition: filter.disposition,
  });

  const draw = () =>
    render(
      html`
        <h1>Call history</h1>
        <form class="filters" role="search" @submit=${(e) => { e.preventDefault(); filter = formObject(e.target); page = 1; load(); }}>
          <label>From <input name="from" type="date"></label>
          <label>To <input name="to" type="date"></label>
          <label>Number <input name="number" inputmode="tel"></label>
          <label>Direction <select name="direction"><option value="">any</option>${directions.map((d) => html`<option>${d}</option>`)}</select></label>
          <label>Result <select name="disposition"><option value="">any</option>${dispositions.map((d) => html`<option>${d}</option>`)}</select></label>
          <button type="submit">Filter</button>
          <button type="button" class="secondary" @click=${exportCsv}>Export CSV</button>
        </form>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
        ${!result && !error ? html`<p class="loading" role="status">Loading…</p>` : ""}
        ${result && result.items.length === 0 ? html`<p class="empty">No calls match these filters.</p>` : ""}
        ${result && result.items.length > 0 ? html`
          <div class="table-wrap"><table class="history">
            <thead><tr><th>Started</th><th>From</th><th>To</th><th>Direction</th><th>Result</th><th>Duration</th><th>Recording</th></tr></thead>
            <tbody>${result.items.map((c) => html`<tr data-call-id=${c.callId}>
              <td>${dateTime(c.startedAt)}</td><td>${c.callerName ? `${c.callerName} ` : ""}${c.caller}</td><td>${c.callee}</td><td>${c.direction}</td>
              <td><span class="tag ${c.disposition ?? "in-progress"}">${c.disposition ?? "in progress"}</span></td><td>${duration(c.durationSeconds)}</td>
              <td>${c.recordingId ? html`
                ${playing?.id === c.recordingId ? html`<audio controls autoplay src=${playing.url} aria-label="Recording of call ${c.callId}"></audio>`
                  : html`<button type="button" class="secondary" @click=${() => play(c.recordingId)}>Play</button>`}
                <button type="button" class="secondary" @click=${() => download(`/api/v1/recordings/${c.recordingId}/content`, `call-${c.callId}.wav`)}>Download</button>` : ""}</td>
            </tr>`)}</tbody></table></div>
          ${pager(result, (p) => { page = p; load(); })}` : ""}`,
      el,
    );

  async function load() {
    try {
      result = await fetchCalls(`/api/v1/calls${query({ ...apiFilter(), page, pageSize: 50 })}`);
      error = "";
    } catch (err) {
      error = `Could not load the call history: ${err.message}`;
    }
    draw();
  }

  async function exportCsv() {
    try {
      await download(`/api/v1/calls/export.csv${query(apiFilter())}`, "calls.csv");
    } catch (err) {
      error = `Could not export: ${err.message}`;
      draw();
    }
  }

  async function play(id) {
    try {
      if (playing) URL.revokeObjectURL(playing.url);
      playing = { id, url: await blobUrl(`/api/v1/recordings/${id}/content`) };
    } catch (err) {
      error = `Could not load the recording: ${err.message}`;
    }
    draw();
  }

  draw();
  load();
  return () => playing && URL.revokeObjectURL(playing.url);
}
