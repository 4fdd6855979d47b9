// Times arrive as ISO-8601 UTC and are shown in the browser's time zone.
export const dateTime = (iso) => (iso ? new Date(iso).toLocaleString() : "");
export const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "");

export function duration(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined) return "";
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export const since = (iso, now = Date.now()) => duration((now - new Date(iso).getTime()) / 1000);

/** Local midnight today, as the start of "today" for the dashboard. */
export function startOfToday() {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

/** A yyyy-mm-dd date input's value as the ISO instant of that local midnight. */
export const localDateToIso = (value) => (value ? new Date(`${value}T00:00:00`).toISOString() : "");
