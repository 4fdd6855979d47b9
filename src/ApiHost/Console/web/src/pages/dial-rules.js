// The outbound dial plan: which numbers leave through which trunks, per extension group. The longest matching prefix of
// the caller's group wins, then of "*" (the order the table lists them in).
import { html, render } from "lit";
import { can, get, request } from "../api.js";
import { number } from "../format.js";
import { t } from "../i18n/i18n.js";
import { orDash } from "./cells.js";
import { dialTester } from "./dial-tester.js";
import { describedBy, fieldError, attempt } from "./form.js";
import { empty, failed, loading } from "./states.js";

export function mount(el) {
  const admin = can.admin();
  let rules = null;
  let trunks = [];
  let editing = null; // id of the rule whose row is open for changes
  let errors = {};
  let error = "";
  let message = "";
  const tester = dialTester(() => draw());

  // The fields of a rule, for the new rule's form and a row's; ids keep each label's input its own.
  const ruleFields = (rule, key) => html`
    <label>${t("dialRules.group")} <input name="group" .value=${rule.group} aria-describedby=${describedBy(errors, "group")}></label>${fieldError(errors, "group")}
    <label>${t("dialRules.prefix")} <input name="prefix" required inputmode="tel" pattern="[0-9*#+]{1,16}" .value=${rule.prefix} aria-describedby=${describedBy(errors, "prefix")}></label>${fieldError(errors, "prefix")}
    <label>${t("dialRules.strip")} <input name="strip" type="number" min="0" max="16" .value=${String(rule.strip)} aria-describedby=${describedBy(errors, "strip")}></label>${fieldError(errors, "strip")}
    <label>${t("dialRules.prepend")} <input name="prepend" inputmode="tel" .value=${rule.prepend} aria-describedby=${describedBy(errors, "prepend")}></label>${fieldError(errors, "prepend")}
    <label>${t("dialRules.trunks")} <small class="muted">${t("dialRules.trunksHint")}</small>
      <input name="trunks" required list="dial-rule-trunks-${key}" .value=${rule.trunks.join(", ")} aria-describedby=${describedBy(errors, "trunks")}></label>${fieldError(errors, "trunks")}
    <datalist id="dial-rule-trunks-${key}">${trunks.map((id) => html`<option value=${id}></option>`)}</datalist>`;

  const draw = () =>
    render(
      html`
        <h1>${t("nav.dialRules")}</h1>
        <p class="muted">${t("dialRules.explain")}</p>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, rules ? null : load) : ""}
        ${admin && editing === null ? html`<form class="card" @submit=${create} aria-labelledby="rule-new">
          <h2 id="rule-new">${t("dialRules.new")}</h2>
          <div class="filters">${ruleFields({ group: "*", prefix: "", strip: 0, prepend: "", trunks: trunks.slice(0, 1) }, "new")}
          <button type="submit">${t("common.add")}</button></div>
        </form>` : ""}
        ${admin && trunks.length === 0 && rules ? html`<p class="notice">${t("dialRules.noTrunks")} <a href="#/trunks/new">${t("trunks.new")}</a></p>` : ""}
        ${tester()}
        ${!rules && !error ? loading() : ""}
        ${rules && rules.length === 0 ? empty(t("dialRules.none")) : ""}
        ${rules && rules.length > 0 ? html`<div class="table-wrap"><table class="dial-rules">
          <thead><tr><th>${t("dialRules.group")}</th><th>${t("dialRules.prefix")}</th><th>${t("dialRules.strip")}</th><th>${t("dialRules.prepend")}</th>
            <th>${t("dialRules.trunks")}</th>${admin ? html`<th>${t("common.actions")}</th>` : ""}</tr></thead>
          <tbody>${rules.map((r) => html`<tr data-prefix=${r.prefix} data-group=${r.group}>
            <td>${r.group === "*" ? t("dialRules.anyGroup") : r.group}</td><td>${r.prefix}</td><td>${number(r.strip)}</td>
            <td>${orDash(r.prepend, t("dialRules.nothing"))}</td><td>${r.trunks.join(" → ")}</td>
            ${admin ? html`<td class="actions">
              <button type="button" class="secondary" @click=${() => { editing = r.id; errors = {}; message = ""; draw(); }}>${t("common.edit")}<span class="visually-hidden"> ${r.prefix}</span></button>
              <button type="button" class="danger" @click=${() => remove(r)}>${t("common.delete")}<span class="visually-hidden"> ${r.prefix}</span></button></td>` : ""}</tr>
            ${editing === r.id ? html`<tr class="editing"><td colspan="6">
              <form class="inline" @submit=${(e) => save(e, r)} aria-label=${t("dialRules.editTitle", { prefix: r.prefix })}>${ruleFields(r, r.id)}
                <button type="submit">${t("common.save")}</button>
                <button type="button" class="secondary" @click=${() => { editing = null; errors = {}; draw(); }}>${t("common.cancel")}</button></form>
            </td></tr>` : ""}`)}
          </tbody></table></div>` : ""}`,
      el,
    );

  /** The rule a form describes, as the API takes it. */
  const ruleOf = (f) => ({
    group: f.group.value.trim() || "*",
    prefix: f.prefix.value.trim(),
    strip: f.strip.value === "" ? 0 : Number(f.strip.value),
    prepend: f.prepend.value.trim(),
    trunks: f.trunks.value.split(/[\s,→>]+/).filter(Boolean),
  });

  async function run(action, success) {
    ({ message, error, errors } = await attempt(action, success));
    if (error) draw();
    else await load();
  }

  const create = (e) => {
    e.preventDefault();
    const rule = ruleOf(e.target);
    return run(() => request("POST", "/api/v1/dial-rules", rule), t("dialRules.added", { prefix: rule.prefix }));
  };
  const save = (e, r) => {
    e.preventDefault();
    return run(async () => {
      await request("PUT", `/api/v1/dial-rules/${r.id}`, ruleOf(e.target));
      editing = null;
    }, t("common.saved"));
  };
  const remove = (r) => confirm(t("dialRules.confirmDelete", { prefix: r.prefix, group: r.group }))
    && run(() => request("DELETE", `/api/v1/dial-rules/${r.id}`), t("dialRules.deleted", { prefix: r.prefix }));

  async function load() {
    try {
      const [list, trunkList] = await Promise.all([get("/api/v1/dial-rules"), get("/api/v1/trunks")]);
      // Listed in the order the README gives for the dial plan (a group's own rules before "*", longer prefixes first),
      // so a number is served by the first rule, of the caller's group or "*", whose prefix it starts with.
      rules = [...list].sort((a, b) => (a.group === "*") - (b.group === "*") || b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix));
      trunks = trunkList.map((x) => x.id);
      error = "";
    } catch (err) {
      error = t("dialRules.loadFailed", { reason: err.message });
    }
    draw();
  }
  draw();
  load();
}
