// What the user reads when the API refuses a request. Problem details (RFC 9457) carry a stable `code`
// ("trunk.realm_required") besides their English `title` and `detail`; the catalogue's "problem.<code>" message says it
// in the user's language, its placeholders filled from the problem's other members ("{number}" from `number`).
import { hasMessage, t } from "./i18n.js";

const unfilledPlaceholder = /\{\w+\}/;

/** The translated message for a known code; otherwise the server's own words, then a line naming the status. */
export function problemMessage(problem, status) {
  const key = `problem.${problem?.code}`;
  if (problem?.code && hasMessage(key)) {
    const message = t(key, problem);
    // A problem lacking a member the message names is better told in the server's complete sentence.
    if (!unfilledPlaceholder.test(message)) return message;
  }
  return problem?.detail || problem?.title || t("problem.status", { status });
}
