import { html, render } from "lit";
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend } from "chart.js";
import { get, query } from "../api.js";
import { listen, onStatus } from "../live.js";
import { duration, startOfToday, time } from "../format.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export function mount(el) {
  let stats = null;
  let volume = [];
  let recent = [];
  let error = "";
  let chart = null;
  let refreshTimer = 0;

  const draw = () => {
    render(
      html`
        <h1>Dashboard</h1>
        ${error ? html`<p class="error" role="alert">${error} <button type="button" @click=${load}>Retry</button></p>` : ""}
        ${!stats && !error ? html`<p class="loading" role="status">Loading…</p>` : ""}
        ${stats ? tiles(stats) : ""}
        <section class="card" aria-labelledby="per-hour">
          <h2 id="per-hour">Calls per hour today</h2>
          <div class="chart"><canvas id="volume" role="img" aria-label="Calls per hour today"></canvas></div>
        </section>
        <section class="card" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent calls</h2>
          ${recent.length === 0
            ? html`<p class="empty">No calls yet today.</p>`
            : html`<div class="table-wrap"><table>
                <thead><tr><th>Time</th><th>From</th><th>To</th><th>Direction</th><th>Result</th><th>Duration</th></tr></thead>
                <tbody>${recent.map((c) => html`<tr>
                  <td>${time(c.startedAt)}</td><td>${c.caller}</td><td>${c.callee}</td><td>${c.direction}</td>
                  <td><span class="tag ${c.disposition ?? "in-progress"}">${c.disposition ?? "in progress"}</span></td>
                  <td>${duration(c.durationSeconds)}</td></tr>`)}</tbody></table></div>`}
        </section>`,
      el,
    );
    drawChart();
  };

  function tiles(s) {
    const byDisposition = Object.entries(s.callsTodayByDisposition);
    return html`<div class="tiles">
      <div class="tile"><span class="label">Registered extensions</span><span class="value" data-testid="registered">${s.registeredExtensions} / ${s.totalExtensions}</span></div>
      <div class="tile"><span class="label">Active calls</span><span class="value" data-testid="active-calls">${s.activeCalls}</span></div>
      <div class="tile"><span class="label">Calls today</span><span class="value">${s.callsToday}</span>
        <span class="detail">${byDisposition.length ? byDisposition.map(([k, v]) => `${k} ${v}`).join(" · ") : "none yet"}</span></div>
      <div class="tile"><span class="label">Average talk time</span><span class="value">${duration(s.averageDurationSecondsToday)}</span></div>
    </div>`;
  }

  function drawChart() {
    const canvas = el.querySelector("#volume");
    if (!canvas || !el.isConnected) return;
    const labels = volume.map((v) => new Date(v.start).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    const datasets = [
      { label: "Answered", data: volume.map((v) => v.answered), backgroundColor: "#2f855a" },
      { label: "Not answered", data: volume.map((v) => v.total - v.answered), backgroundColor: "#c05621" },
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
      options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  async function load() {
    try {
      const from = startOfToday();
      const to = new Date(from.getTime() + 24 * 3600 * 1000);
      const [s, v, r] = await Promise.all([
        get("/api/v1/stats/dashboard"),
        get(`/api/v1/stats/calls${query({ from: from.toISOString(), to: to.toISOString(), interval: "hour" })}`),
        get(`/api/v1/calls${query({ from: from.toISOString(), pageSize: 10 })}`),
      ]);
      stats = s;
      volume = Array.isArray(v) ? v : v.items ?? [];
      recent = r.items;
      error = "";
    } catch (err) {
      error = `Could not load the dashboard: ${err.message}`;
    }
    draw();
  }

  // Coalesce bursts (a registration storm after a restart) into one refetch.
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 300);
  };
  const stops = [listen("registration", refreshSoon), listen("call", refreshSoon), onStatus((s) => s === "reconnected" && load())];
  draw();
  load();
  return () => {
    clearTimeout(refreshTimer);
    stops.forEach((stop) => stop());
    chart?.destroy();
  };
}
