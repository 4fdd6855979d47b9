import { html, render } from "lit";
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend } from "chart.js";
import { can, get, query } from "../api.js";
import { listen, onStatus, subscribed } from "../live.js";
import { duration, durationInWords, hourMinute, nextDay, number, startOfDay, time, today } from "../format.js";
import { locale, t, valueLabel } from "../i18n/i18n.js";
import { dispositionTag } from "./cells.js";
import { empty, failed, loading } from "./states.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export function mount(el) {
  let stats = null;
  let volume = [];
  let recent = [];
  let error = "";
  let chart = null;
  let refreshTimer = 0;
  // Alerts raised while the page is open (an extension past its outbound limits), newest first.
  let alerts = [];

  const draw = () => {
    render(
      html`
        <h1>${t("nav.dashboard")}</h1>
        ${error ? failed(error, load) : ""}
        ${!stats && !error ? loading() : ""}
        ${alerts.length > 0 ? html`<section class="card alerts" role="alert" aria-labelledby="alerts-title">
          <h2 id="alerts-title">${t("alert.title")}</h2>
          <ul>${alerts.map((a) => html`<li data-extension=${a.key}>${time(a.timestamp)} · ${t(`alert.${a.kind}`, { extension: a.key, limit: t(`alert.limit.${a.data.limit}`) })}</li>`)}</ul>
        </section>` : ""}
        ${stats ? tiles(stats) : ""}
        <section class="card" aria-labelledby="per-hour">
          <h2 id="per-hour">${t("dashboard.perHour")}</h2>
          <div class="chart"><canvas id="volume" role="img" aria-label=${t("dashboard.perHour")}></canvas></div>
        </section>
        <section class="card" aria-labelledby="recent-title">
          <h2 id="recent-title">${t("dashboard.recent")}</h2>
          ${!stats ? "" : recent.length === 0
            ? empty(t("dashboard.noCallsToday"))
            : html`<div class="table-wrap"><table>
                <thead><tr><th>${t("call.time")}</th><th>${t("call.from")}</th><th>${t("call.to")}</th><th>${t("call.direction")}</th><th>${t("call.result")}</th><th>${t("call.duration")}</th></tr></thead>
                <tbody>${recent.map((c) => html`<tr>
                  <td>${time(c.startedAt)}</td><td>${c.caller}</td><td>${c.callee}</td><td>${valueLabel("direction", c.direction)}</td>
                  <td>${dispositionTag(c.disposition)}</td>
                  <td>${duration(c.durationSeconds)}</td></tr>`)}</tbody></table></div>`}
        </section>`,
      el,
    );
    drawChart();
  };

  function tiles(s) {
    const byDisposition = Object.entries(s.callsTodayByDisposition);
    return html`<div class="tiles">
      <div class="tile"><span class="label">${t("dashboard.registered")}</span><span class="value" data-testid="registered">${number(s.registeredExtensions)} / ${number(s.totalExtensions)}</span></div>
      <div class="tile"><span class="label">${t("dashboard.activeCalls")}</span><span class="value" data-testid="active-calls">${number(s.activeCalls)}</span></div>
      <div class="tile"><span class="label">${t("dashboard.callsToday")}</span><span class="value">${number(s.callsToday)}</span>
        <span class="detail">${byDisposition.length ? byDisposition.map(([k, v]) => `${valueLabel("disposition", k)} ${number(v)}`).join(" · ") : t("dashboard.noneYet")}</span></div>
      <div class="tile"><span class="label">${t("dashboard.averageTalk")}</span><span class="value" data-testid="average-talk">${durationInWords(s.averageDurationSecondsToday)}</span></div>
    </div>`;
  }

  function drawChart() {
    const canvas = el.querySelector("#volume");
    if (!canvas || !el.isConnected) return;
    const labels = volume.map((v) => hourMinute(v.start));
    const datasets = [
      { label: t("dashboard.answered"), data: volume.map((v) => v.answered), backgroundColor: "#2f855a" },
      { label: t("dashboard.notAnswered"), data: volume.map((v) => v.total - v.answered), backgroundColor: "#c05621" },
    ];
    if (chart && chart.canvas === canvas) {
      chart.data.labels = labels;
      chart.data.datasets.forEach((d, i) => (d.data = datasets[i].data));
      chart.update("none");
      return;
    }
    chart?.destroy();
    chart = new Chart(canvas, {
      type: "bar",
      data: { labels, datasets },
      // The chart's own numbers (axis ticks, tooltips) in the user's language as well.
      options: { locale: locale(), animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  async function load() {
    try {
      // "Today" is the organisation's day, whatever the browser's time zone.
      const from = startOfDay(today());
      const to = startOfDay(nextDay(today()));
      const [s, v, r] = await Promise.all([
        get("/api/v1/stats/dashboard"),
        get(`/api/v1/stats/calls${query({ from, to, interval: "hour" })}`),
        get(`/api/v1/calls${query({ from, pageSize: 10 })}`),
      ]);
      stats = s;
      volume = Array.isArray(v) ? v : v.items ?? [];
      recent = r.items;
      error = "";
    } catch (err) {
      error = t("dashboard.loadFailed", { reason: err.message });
    }
    draw();
  }

  // Coalesce bursts (a registration storm after a restart) into one refetch.
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 300);
  };
  const alert = (e) => {
    alerts = [e, ...alerts].slice(0, 10);
    draw();
  };
  const stops = [listen("registration", refreshSoon), listen("call", refreshSoon), onStatus((s) => s === "reconnected" && load())];
  // Phone users follow no alerts: the hub refuses them the topic.
  if (can.supervise()) stops.push(listen("alert", alert));
  draw();
  // The figures are fetched once the live topics are subscribed, so no change falls between; a hub that does not
  // answer within 3 s delays them no longer.
  Promise.race([subscribed(), new Promise((resolve) => setTimeout(resolve, 3000))]).then(load);
  return () => {
    clearTimeout(refreshTimer);
    stops.forEach((stop) => stop());
    chart?.destroy();
  };
}
