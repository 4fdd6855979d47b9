// The state of every part of the PBX as this API host sees it (admins only), read again every 10 s. A part that did not
// answer is named with the API's reason instead of hiding the rest.
import { html, render } from "lit";
import { get } from "../api.js";
import { bytes, dateTime, number, time } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { empty, failed, loading } from "./states.js";

export function mount(el) {
  let status = null;
  let info = null;
  let error = "";

  const part = (name, value, show) =>
    status.unavailable[name] ? html`<span class="tag failed">${t("system.noAnswer")}</span> <span class="muted">${status.unavailable[name]}</span>` : show(value);

  // A figure is drawn large; words (free space, a version) at text size.
  const tile = (label, value, detail = "", testId = "", words = false) => html`<div class="tile">
    <span class="label">${label}</span><span class="value ${words ? "words" : ""}" data-testid=${testId}>${value}</span>${detail ? html`<span class="detail">${detail}</span>` : ""}</div>`;

  function tiles(s) {
    const disk = s.recordings;
    const used = disk.totalBytes ? Math.round(100 * (1 - disk.freeBytes / disk.totalBytes)) : null;
    return html`<div class="tiles">
      ${tile(t("system.registered"), part("registeredExtensions", s.registeredExtensions, number), "", "system-registered")}
      ${tile(t("dashboard.activeCalls"), part("activeCalls", s.activeCalls, number))}
      ${tile(t("system.database"), html`<span class="tag ${s.database.reachable ? "registered" : "failed"}" data-testid="system-database">${t(s.database.reachable ? "system.reachable" : "system.unreachable")}</span>`,
        s.database.latencyMs !== null ? t("system.latency", { ms: number(Math.round(s.database.latencyMs * 10) / 10) }) : "")}
      ${tile(t("system.disk"), disk.freeBytes !== null ? t("system.free", { free: bytes(disk.freeBytes), total: bytes(disk.totalBytes) }) : t("system.unreadable"),
        html`${used !== null ? html`<meter min="0" max="100" low="80" high="90" optimum="0" value=${used} aria-label=${t("system.used", { percent: number(used) })}></meter> ${t("system.used", { percent: number(used) })} · ` : ""}<span class="wrap">${disk.directory}</span>`, "", true)}
      ${tile(t("system.version"), s.version, info ? t("system.timeZone", { zone: info.timeZone }) : "", "system-version", true)}
    </div>`;
  }

  const section = (id, title, body) => html`<section class="card" aria-labelledby=${id}><h2 id=${id}>${title}</h2>${body}</section>`;

  const draw = () =>
    render(
      html`
        <h1>${t("nav.system")}</h1>
        ${error ? failed(error, load) : ""}
        ${!status && !error ? loading() : ""}
        ${status ? html`
          <p class="muted">${t("system.checkedAt", { time: time(status.checkedAt) })}</p>
          ${tiles(status)}
          ${section("system-silos", t("system.silos"), part("silos", status.silos, (silos) => silos.length === 0 ? empty(t("system.none")) : html`
            <div class="table-wrap"><table class="silos"><thead><tr><th>${t("system.siloName")}</th><th>${t("system.host")}</th><th>${t("system.address")}</th>
              <th>${t("system.state")}</th><th>${t("system.started")}</th><th>${t("system.lastAlive")}</th></tr></thead>
              <tbody>${silos.map((x) => html`<tr><td>${x.name}</td><td>${x.hostName}</td><td>${x.address}</td>
                <td><span class="tag ${x.status === "Active" ? "registered" : ""}">${valueLabel("siloStatus", x.status)}</span></td>
                <td>${dateTime(x.startedAt)}</td><td>${time(x.lastAliveAt)}</td></tr>`)}</tbody></table></div>`))}
          ${section("system-edges", t("system.edges"), part("sipEdges", status.sipEdges, (edges) => edges.length === 0 ? empty(t("system.none"))
            : html`<ul class="nodes" data-testid="system-edges">${edges.map((x) => html`<li>${x}</li>`)}</ul>`))}
          ${section("system-media", t("system.mediaNodes"), part("mediaNodes", status.mediaNodes, (nodes) => nodes.length === 0 ? empty(t("system.none")) : html`
            <div class="table-wrap"><table class="media-nodes"><thead><tr><th>${t("system.node")}</th><th>${t("system.endpoints")}</th>
              <th>${t("system.freePorts")}</th><th>${t("system.reported")}</th></tr></thead>
              <tbody>${nodes.map((x) => html`<tr><td>${x.nodeId}</td><td>${number(x.activeEndpoints)}</td><td>${number(x.freePortPairs)}</td>
                <td>${time(x.reportedAt)}</td></tr>`)}</tbody></table></div>`))}` : ""}`,
      el,
    );

  async function load() {
    try {
      [status, info] = await Promise.all([get("/api/v1/system/status"), info ?? get("/api/v1/system/info")]);
      error = "";
    } catch (err) {
      error = t("system.loadFailed", { reason: err.message });
    }
    draw();
  }

  const timer = setInterval(load, 10_000);
  draw();
  load();
  return () => clearInterval(timer);
}
