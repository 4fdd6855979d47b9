// Dates, times, numbers and durations as the user's language writes them. Times arrive as ISO-8601 UTC and are shown
// in the organisation's time zone, whatever the browser's own: an administrator travelling, or a server-room PC set to
// UTC, sees the office's clock and the office's "today".
import { locale, t } from "./i18n/i18n.js";

// The organisation's time zone (IANA), which every date in the console goes through: Tashkent, the first users' zone,
// until the server names its own (organisation.js).
let organisationTimeZone = "Asia/Tashkent";

/** Shows every later date in zone; the formatters made for the previous zone are dropped. */
export function setOrganisationTimeZone(zone) {
  organisationTimeZone = zone;
  formatters.clear();
}

// Building an Intl formatter costs far more than using one, and live pages redraw every second: keep one per locale.
const formatters = new Map();
function formatter(kind, make) {
  const key = `${kind}|${locale()}`;
  if (!formatters.has(key)) formatters.set(key, make(locale()));
  return formatters.get(key);
}

const zoned = (options) => (tag) => new Intl.DateTimeFormat(tag, { ...options, timeZone: organisationTimeZone });

export const dateTime = (iso) => (iso ? formatter("dateTime", zoned({ dateStyle: "short", timeStyle: "medium" })).format(new Date(iso)) : "");
export const time = (iso) => (iso ? formatter("time", zoned({ timeStyle: "medium" })).format(new Date(iso)) : "");
export const hourMinute = (iso) => formatter("hourMinute", zoned({ timeStyle: "short" })).format(new Date(iso));
export const number = (value) => formatter("number", (tag) => new Intl.NumberFormat(tag)).format(value);

/** A call's length as a clock, 2:05 or 1:02:05: the same in every language, and what tables line up on. */
export function duration(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined) return "";
  const { h, m, s } = parts(totalSeconds);
  const pad = (n) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * A length in the user's words ("2 min 5 s", "2 мин 5 с", "2 daq 5 s"), for a figure that stands alone. The units come
 * from the catalogue: Intl.DurationFormat has no Uzbek data in Chromium (it answers in English) and writes nothing for 0.
 */
export function durationInWords(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined) return "";
  const { h, m, s } = parts(totalSeconds);
  const words = [];
  if (h) words.push(t("duration.hours", { n: number(h) }));
  if (h || m) words.push(t("duration.minutes", { n: number(m) }));
  words.push(t("duration.seconds", { n: number(s) }));
  return words.join(" ");
}

function parts(totalSeconds) {
  const all = Math.max(0, Math.floor(totalSeconds));
  return { h: Math.floor(all / 3600), m: Math.floor((all % 3600) / 60), s: all % 60 };
}

export const since = (iso, now = Date.now()) => duration((now - new Date(iso).getTime()) / 1000);

/** Today's date in the organisation's time zone, as a yyyy-mm-dd date input writes it. */
export const today = (now = new Date()) =>
  // en-CA writes dates as yyyy-mm-dd.
  formatter("isoDate", () => new Intl.DateTimeFormat("en-CA", { timeZone: organisationTimeZone, year: "numeric", month: "2-digit", day: "2-digit" })).format(now);

/**
 * The API's bounds for a filter of the organisation's calendar days, yyyy-mm-dd as date inputs write them: "to" is
 * inclusive on screen, so the API's exclusive bound is the next day's start. Blank days give blank bounds.
 */
export const dayRange = (from, to) => ({ from: startOfDay(from), to: to ? startOfDay(nextDay(to)) : "" });

/** A size in bytes in the largest unit that keeps it at least 1 (1.5 GB), in the user's number format. */
export function bytes(value) {
  if (value === null || value === undefined) return "";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const digits = formatter("bytes", (tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }));
  return t(`bytes.${units[unit]}`, { n: digits.format(scaled) });
}

/** The day after a yyyy-mm-dd date. */
export const nextDay = (date) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The instant (ISO) at which a yyyy-mm-dd date begins in the organisation's time zone; "" for no date. */
export function startOfDay(date) {
  if (!date) return "";
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // The zone's offset at the guess, then at the corrected instant, which is the right one even across a DST change.
  const first = midnightUtc - zoneOffset(midnightUtc);
  return new Date(midnightUtc - zoneOffset(first)).toISOString();
}

/** How far the organisation's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(instant) {
  const clock = formatter("zoneClock", () =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: organisationTimeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    }));
  const p = Object.fromEntries(clock.formatToParts(instant).map(({ type, value }) => [type, Number(value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}
