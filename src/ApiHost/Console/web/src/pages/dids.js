import { html, render } from "lit";
import { can, get, request } from "../api.js";
import { describedBy, fieldError } from "./form.js";

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
        <h1>DID numbers</h1>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
        ${admin ? html`<form class="filters" @submit=${create} aria-label="Add a DID number">
          <label>Number <input name="number" inputmode="tel" required aria-describedby=${describedBy(errors, "number")}></label>${fieldError(errors, "number")}
          <label>Description <input name="description"></label>
          <button type="submit">Add</button></form>` : ""}
        ${!items && !error ? html`<p class="loading" role="status">Loading…</p>` : ""}
        ${items && items.length === 0 ? html`<p class="empty">No DID numbers yet.</p>` : ""}
        ${items && items.length > 0 ? html`<div class="table-wrap"><table>
          <thead><tr><th>Number</th><th>Description</th><th>Routes to</th>${admin ? html`<th>Actions</th>` : ""}</tr></thead>
          <tbody>${items.map((d) => html`<tr data-number=${d.number}>
            <td>${d.number}</td><td>${d.description}</td>
            <td>${editing === d.id ? routeForm(d) : d.destinationKind ? `${d.destinationKind} ${d.destinationTarget}` : html`<span class="muted">not routed</span>`}</td>
            ${admin ? html`<td class="actions">
              <button type="button" class="secondary" @click=${() => { editing = d.id; errors = {}; draw(); }}>Route</button>
              <button type="button" class="danger" @click=${() => remove(d)}>Delete</button></td>` : ""}</tr>`)}
          </tbody></table></div>` : ""}`,
      el,
    );

  const routeForm = (d) => html`<form class="inline" @submit=${(e) => saveRoute(e, d)}>
    <label>Kind <select name="kind">${kinds.map((k) => html`<option ?selected=${k === d.destinationKind}>${k}</option>`)}</select></label>
    ${fieldError(errors, "kind")}
    <label>Target <input name="target" required .value=${d.destinationTarget ?? ""} aria-describedby=${describedBy(errors, "target")}></label>
    ${fieldError(errors, "target")}
    <button type="submit">Save</button>
    ${d.destinationKind ? html`<button type="button" class="secondary" @click=${() => clearRoute(d)}>Clear</button>` : ""}
    <button type="button" class="link" @click=${() => { editing = null; draw(); }}>Cancel</button></form>`;

  async function run(action, success) {
    errors = {};
    error = "";
    message = "";
    try {
      await action();
      message = success;
      await load();
    } catch (err) {
      errors = err.fieldErrors ?? {};
      error = err.message;
      draw();
    }
  }

  const create = (e) => {
    e.preventDefault();
    const f = e.target;
    return run(async () => {
      await request("POST", "/api/v1/did-numbers", { number: f.number.value, description: f.description.value });
      f.reset();
    }, "Added.");
  };
  const saveRoute = (e, d) => {
    e.preventDefault();
    return run(async () => {
      await request("PUT", `/api/v1/did-numbers/${d.id}/route`, { kind: e.target.kind.value, target: e.target.target.value });
      editing = null;
    }, "Route saved.");
  };
  const clearRoute = (d) => run(async () => {
    await request("DELETE", `/api/v1/did-numbers/${d.id}/route`);
    editing = null;
  }, "Route cleared.");
  const remove = (d) => confirm(`Delete DID ${d.number}?`) && run(() => request("DELETE", `/api/v1/did-numbers/${d.id}`), "Deleted.");

  async function load() {
    try {
      items = (await get("/api/v1/did-numbers?pageSize=500")).items;
    } catch (err) {
      error = `Could not load DID numbers: ${err.message}`;
    }
    draw();
  }
  draw();
  load();
}
