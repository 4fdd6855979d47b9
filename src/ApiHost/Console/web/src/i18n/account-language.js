// The language kept with the user's account (GET/PUT /api/v1/me/preferences), so a choice follows the user to any
// browser. The browser's own copy (i18n.js) decides on the sign-in page, and on a server without the endpoint.
import { request, session } from "../api.js";
import { language, setLanguage } from "./i18n.js";

/** After sign-in: the account's language, when it has one, replaces the browser's; true when that changed it. */
export async function adoptAccountLanguage() {
  // No answer, or a server without the endpoint: the browser's choice stands.
  const preferences = await request("GET", "/api/v1/me/preferences").catch(() => null);
  if (!preferences?.language || preferences.language === language()) return false;
  setLanguage(preferences.language);
  return true;
}

/** The picker's choice: shown at once, and kept with the account when someone is signed in. */
export function chooseLanguage(code) {
  setLanguage(code);
  if (!session()) return;
  request("PUT", "/api/v1/me/preferences", { language: language() }).catch((error) =>
    // The choice still holds in this browser; only another browser will not know it.
    console.warn(`The language was kept in this browser only: ${error.message}`));
}
