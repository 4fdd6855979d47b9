// The organisation's settings every console user shares, from GET /api/v1/system/info, which answers before sign-in
// too: the sign-in page is drawn after them.
import { request } from "./api.js";
import { setOrganisationTimeZone } from "./format.js";

let retentionDays = 0;

/** Days recordings are kept before they are deleted; 0 when they are kept until someone deletes them. */
export const recordingRetentionDays = () => retentionDays;

export async function loadOrganisation() {
  // A server that does not answer, or lacks the endpoint, leaves the default zone: dates are still shown, in Tashkent's.
  const info = await request("GET", "/api/v1/system/info", undefined, { anonymous: true }).catch(() => null);
  if (info?.timeZone && isKnownZone(info.timeZone)) setOrganisationTimeZone(info.timeZone);
  retentionDays = info?.recordingRetentionDays ?? 0;
}

// A zone the browser's time-zone data lacks would make every date on every page throw.
function isKnownZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
