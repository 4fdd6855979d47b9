// Time conditions: business hours per weekday, holidays and the day/night switch, which IVR menus and DIDs route by.
// Everyone who reads configuration sees each condition open or closed now and until when; operators flip the switch;
// admins edit the schedule. A day's hours are typed as ranges ("09:00-13:00, 14:00-18:00"; "22:00-06:00" runs past
// midnight), holidays one per line ("2026-12-31..2027-01-02 New Year"); the server checks them and names what is wrong.
import { html, render } from "lit";
import { can, get, request } from "../api.js";
import { dateTime } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { attempt } from "./form.js";
import { empty, failed, loading } from "./states.js";

const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const overrides = ["none", "force-open", "force-closed"];

/** The form's fields as the API's body: ranges of each day, holidays of each line. */
function fromForm(form) {
  const weeklyHours = days.flatMap((day) => form[`day-${day}`].value.split(",").map((r) => r.trim()).filter(Boolean).map((range) => {
    const [start, end = ""] = range.split("-").map((part) => part.trim());
    return { day, start, end };
  }));
  const holidays = form.holidays.value.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [, start, end, name] = /^(\S+?)(?:\.\.(\S+))?(?:\s+(.*))?$/.exec(line);
    return { start, end: end ?? null, name: name ?? null };
  });
  return { name: form.name.value, timeZone: form.timeZone.value, weeklyHours, holidays };
}

const rangesOf = (condition, day) => (condition.weeklyHours ?? []).filter((r) => r.day === day).map((r) => `${r.start}-${r.end}`).join(", ");
const holidayLine = (h) => `${h.start}${h.end && h.end !== h.start ? `..${h.end}` : ""}${h.name ? ` ${h.name}` : ""}`;

export function mount(el) {
  const admin = can.admin();
  let items = null;
  let states = {};
  let editing = null; // null: no form; {}: a new condition; a condition: editing it
  let sent = null; // the body last sent, to name the range or holiday a field error is about
  let errors = {};
  let error = "";
  let message = "";

  // "weeklyHours[3].start" is the fourth range sent: say which day and hours that was.
  const fieldName = (field) => {
    const range = /^weeklyHours\[(\d+)\]/.exec(field);
    if (range && sent?.weeklyHours[range[1]]) {
      const r = sent.weeklyHours[range[1]];
      return `${t(`day.${r.day}`)} ${r.start}-${r.end}`;
    }
    const holiday = /^holidays\[(\d+)\]/.exec(field);
    if (holiday && sent?.holidays[holiday[1]]) return holidayLine(sent.holidays[holiday[1]]);
    return t(`timeConditions.field.${field}`);
  };

  const stateText = (s) => s ? html`<strong class=${s.open ? "open" : "closed"}>${t(s.open ? "timeConditions.open" : "timeConditions.closed")}</strong>
    <span class="muted">(${valueLabel("timeConditionReason", s.reason)})</span>
    ${s.nextChange ? html`<br><small>${t(s.open ? "timeConditions.closesAt" : "timeConditions.opensAt", { time: dateTime(s.nextChange) })}</small>` : ""}` : "";

  const form = () => html`<form class="time-condition" @submit=${save} aria-label=${editing.id ? t("timeConditions.editTitle", { name: editing.name }) : t("timeConditions.addTitle")}>
    <h2>${editing.id ? t("timeConditions.editTitle", { name: editing.name }) : t("timeConditions.addTitle")}</h2>
    <label>${t("timeConditions.field.name")} <input name="name" required .value=${editing.name ?? ""}></label>
    <label>${t("timeConditions.field.timeZone")} <input name="timeZone" .value=${editing.timeZone ?? "Asia/Tashkent"}></label>
    <fieldset><legend>${t("timeConditions.field.weeklyHours")}</legend>
      <p class="muted">${t("timeConditions.hoursHint")}</p>
      ${days.map((day) => html`<label>${t(`day.${day}`)} <input name=${`day-${day}`} autocomplete="off" placeholder="09:00-18:00" .value=${rangesOf(editing, day)}></label>`)}
    </fieldset>
    <label>${t("timeConditions.field.holidays")} <textarea name="holidays" rows="4" placeholder="2026-12-31..2027-01-02 New Year"
      .value=${(editing.holidays ?? []).map(holidayLine).join("\n")}></textarea></label>
    <p class="muted">${t("timeConditions.holidaysHint")}</p>
    ${Object.keys(errors).length ? html`<ul class="field-errors" role="alert">${Object.entries(errors).map(([field, reasons]) => html`<li>${fieldName(field)}: ${reasons.join(" ")}</li>`)}</ul>` : ""}
    <div class="actions"><button type="submit">${t("common.save")}</button>
      <button type="button" class="link" @click=${() => { editing = null; errors = {}; draw(); }}>${t("common.cancel")}</button></div></form>`;

  const draw = () =>
    render(
      html`
        <h1>${t("nav.timeConditions")}</h1>
        <p class="muted">${t("timeConditions.intro")}</p>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, items ? null : load) : ""}
        ${admin && !editing ? html`<p><button type="button" @click=${() => { editing = {}; errors = {}; draw(); }}>${t("timeConditions.add")}</button></p>` : ""}
        ${editing ? form() : ""}
        ${!items && !error ? loading() : ""}
        ${items && items.length === 0 ? empty(t("timeConditions.none")) : ""}
        ${items && items.length > 0 ? html`<div class="table-wrap"><table class="time-conditions">
          <thead><tr><th>${t("timeConditions.field.name")}</th><th>${t("timeConditions.field.timeZone")}</th><th>${t("timeConditions.state")}</th>
            <th>${t("timeConditions.override")}</th>${admin ? html`<th>${t("common.actions")}</th>` : ""}</tr></thead>
          <tbody>${items.map((c) => html`<tr data-condition=${c.name}>
            <td>${c.name}</td><td>${c.timeZone}</td><td data-testid="state">${stateText(states[c.id])}</td>
            <td>${can.operate() ? html`<label><span class="visually-hidden">${t("timeConditions.override")} ${c.name}</span>
                <select @change=${(e) => switchOverride(c, e.target.value)}>${overrides.map((o) => html`<option value=${o} ?selected=${o === c.override}>${valueLabel("override", o)}</option>`)}</select></label>`
              : valueLabel("override", c.override)}</td>
            ${admin ? html`<td class="actions">
              <button type="button" class="secondary" @click=${() => { editing = c; errors = {}; draw(); }}>${t("common.edit")}<span class="visually-hidden"> ${c.name}</span></button>
              <button type="button" class="danger" @click=${() => remove(c)}>${t("common.delete")}<span class="visually-hidden"> ${c.name}</span></button></td>` : ""}</tr>`)}
          </tbody></table></div>` : ""}`,
      el,
    );

  async function save(e) {
    e.preventDefault();
    sent = fromForm(e.target);
    const existing = editing.id;
    ({ message, error, errors } = await attempt(() => (existing
      ? request("PUT", `/api/v1/time-conditions/${existing}`, sent)
      : request("POST", "/api/v1/time-conditions", sent)), t("common.saved")));
    if (!error) editing = null;
    await load();
  }

  async function switchOverride(c, value) {
    ({ message, error, errors } = await attempt(() => request("PUT", `/api/v1/time-conditions/${c.id}/override`, { override: value }),
      t("timeConditions.switched", { name: c.name, override: valueLabel("override", value) })));
    await load();
  }

  async function remove(c) {
    if (!confirm(t("timeConditions.confirmDelete", { name: c.name }))) return;
    ({ message, error, errors } = await attempt(() => request("DELETE", `/api/v1/time-conditions/${c.id}`), t("timeConditions.deleted")));
    await load();
  }

  async function load() {
    try {
      items = (await get("/api/v1/time-conditions?pageSize=500")).items;
      const answers = await Promise.all(items.map((c) => get(`/api/v1/time-conditions/${c.id}/state`)));
      states = Object.fromEntries(answers.map((s) => [s.id, s]));
    } catch (err) {
      error = t("timeConditions.loadFailed", { reason: err.message });
    }
    draw();
  }

  draw();
  load();
}
