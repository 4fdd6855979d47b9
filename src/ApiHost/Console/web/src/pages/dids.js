import { html, render } from "lit";
import { can, get, request } from "../api.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { orDash } from "./cells.js";
import { describedBy, fieldError, attempt } from "./form.js";
import { empty, failed, loading } from "./states.js";

const kinds = ["extension", "ivr", "queue", "voicemail", "conference"];

export function mount(el) {
  const admin = can.admin();
  let items = null;
  let editing = null; // DID id whose route form is open
  let errors = {};
  let error = "";
  let message = "";

  const draw = () =>
    render(
      html`
        <h1>${t("nav.dids")}</h1>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, items ? null : load) : ""}
        ${admin ? html`<form class="filters" @submit=${create} aria-label=${t("dids.addTitle")}>
          <label>${t("dids.number")} <input name="number" inputmode="tel" required aria-describedby=${describedBy(errors, "number")}></label>${fieldError(errors, "number")}
          <label>${t("dids.description")} <input name="description"></label>
          <button type="submit">${t("common.add")}</button></form>` : ""}
        ${!items && !error ? loading() : ""}
        ${items && items.length === 0 ? empty(t("dids.none")) : ""}
        ${items && items.length > 0 ? html`<div class="table-wrap"><table>
          <thead><tr><th>${t("dids.number")}</th><th>${t("dids.description")}</th><th>${t("dids.routesTo")}</th>${admin ? html`<th>${t("common.actions")}</th>` : ""}</tr></thead>
          <tbody>${items.map((d) => html`<tr data-number=${d.number}>
            <td>${d.number}</td><td>${orDash(d.description, t("dids.noDescription"))}</td>
            <td>${editing === d.id ? routeForm(d) : d.destinationKind
              ? `${valueLabel("destination", d.destinationKind)} ${d.destinationTarget}` : html`<span class="muted">${t("dids.notRouted")}</span>`}</td>
            ${admin ? html`<td class="actions">
              <button type="button" class="secondary" @click=${() => { editing = d.id; errors = {}; draw(); }}>${t("dids.route")}</button>
              <button type="button" class="danger" @click=${() => remove(d)}>${t("common.delete")}</button></td>` : ""}</tr>`)}
          </tbody></table></div>` : ""}`,
      el,
    );

  const routeForm = (d) => html`<form class="inline" @submit=${(e) => saveRoute(e, d)}>
    <label>${t("dids.kind")} <select name="kind">${kinds.map((k) => html`<option value=${k} ?selected=${k === d.destinationKind}>${valueLabel("destination", k)}</option>`)}</select></label>
    ${fieldError(errors, "kind")}
    <label>${t("dids.target")} <input name="target" required .value=${d.destinationTarget ?? ""} aria-describedby=${describedBy(errors, "target")}></label>
    ${fieldError(errors, "target")}
    <button type="submit">${t("common.save")}</button>
    ${d.destinationKind ? html`<button type="button" class="secondary" @click=${() => clearRoute(d)}>${t("dids.clearRoute")}</button>` : ""}
    <button type="button" class="link" @click=${() => { editing = null; draw(); }}>${t("common.cancel")}</button></form>`;

  async function run(action, success) {
    ({ message, error, errors } = await attempt(action, success));
    if (error) draw();
    else await load();
  }

  const create = (e) => {
    e.preventDefault();
    const f = e.target;
    return run(async () => {
      await request("POST", "/api/v1/did-numbers", { number: f.number.value, description: f.description.value });
      f.reset();
    }, t("dids.added"));
  };
  const saveRoute = (e, d) => {
    e.preventDefault();
    return run(async () => {
      await request("PUT", `/api/v1/did-numbers/${d.id}/route`, { kind: e.target.kind.value, target: e.target.target.value });
      editing = null;
    }, t("dids.routeSaved"));
  };
  // Clearing a route makes calls to the number fail at once, so it is asked like a delete.
  const clearRoute = (d) => confirm(t("dids.confirmClearRoute", { number: d.number })) && run(async () => {
    await request("DELETE", `/api/v1/did-numbers/${d.id}/route`);
    editing = null;
  }, t("dids.routeCleared"));
  const remove = (d) => confirm(t("dids.confirmDelete", { number: d.number })) && run(() => request("DELETE", `/api/v1/did-numbers/${d.id}`), t("dids.deleted"));

  async function load() {
    try {
      items = (await get("/api/v1/did-numbers?pageSize=500")).items;
      error = "";
    } catch (err) {
      error = t("dids.loadFailed", { reason: err.message });
    }
    draw();
  }
  draw();
  load();
}
