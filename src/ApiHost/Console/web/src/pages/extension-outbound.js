// An extension's calls through trunks: its extension group (which dial rules serve it), its permission class and the
// number carriers present, and its toll-fraud limits (calls at once, per hour, talk minutes per day; 0 for none).
import { html } from "lit";
import { get, request } from "../api.js";
import { t } from "../i18n/i18n.js";
import { describedBy, fieldError } from "./form.js";

const classes = ["internal", "national", "international"];
const limits = [
  ["maxOutboundCalls", 1000],
  ["outboundCallsPerHour", 100000],
  ["outboundMinutesPerDay", 1440000],
];

/** The outbound form of extension `id` (admins may change it); `redraw` repaints the page that holds it. */
export function outboundForm(id, admin, redraw) {
  let outbound = null;
  let errors = {};
  let note = "";

  get(`/api/v1/extensions/${id}/outbound`)
    .then((o) => (outbound = o))
    .catch((err) => (note = err.message))
    .finally(redraw);

  const save = async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = {
      group: f.group.value.trim(),
      permissionClass: f.permissionClass.value,
      outboundCallerId: f.outboundCallerId.value.trim() || null,
      ...Object.fromEntries(limits.map(([name]) => [name, Number(f[name].value)])),
    };
    errors = {};
    try {
      outbound = await request("PUT", `/api/v1/extensions/${id}/outbound`, body);
      note = t("outbound.saved");
    } catch (err) {
      errors = err.fieldErrors ?? {};
      note = err.message;
    }
    redraw();
  };

  return () => html`<form class="card" @submit=${save} aria-labelledby="ext-outbound">
      <h2 id="ext-outbound">${t("outbound.title")}</h2>
      ${note ? html`<p role="status">${note}</p>` : ""}
      ${outbound ? html`<fieldset ?disabled=${!admin}>
        <label>${t("outbound.group")} <input name="group" required .value=${outbound.group} aria-describedby=${describedBy(errors, "group")}></label>${fieldError(errors, "group")}
        <label>${t("outbound.permissionClass")} <select name="permissionClass">${classes.map((c) => html`<option value=${c} ?selected=${c === outbound.permissionClass}>${t(`outbound.class.${c}`)}</option>`)}</select></label>
        <label>${t("outbound.callerId")} <input name="outboundCallerId" inputmode="tel" .value=${outbound.outboundCallerId ?? ""} aria-describedby=${describedBy(errors, "outboundCallerId")}></label>${fieldError(errors, "outboundCallerId")}
        <p class="muted">${t("outbound.limitsHint")}</p>
        ${limits.map(([name, max]) => html`<label>${t(`outbound.${name}`)} <input name=${name} type="number" min="0" max=${max} required .value=${String(outbound[name])} aria-describedby=${describedBy(errors, name)}></label>${fieldError(errors, name)}`)}
        ${admin ? html`<div class="actions"><button type="submit">${t("outbound.save")}</button></div>` : ""}
      </fieldset>` : ""}
    </form>`;
}
