// What the user reads when the API refuses a request. Problem details (RFC 9457) carry a stable `code`
// ("trunk.realm_required", ApiHost's ProblemCodes) besides their English `title` and `detail`, and a 400 names each
// field's codes in `fieldCodes` beside its English reasons in `errors`. The catalogue's "problem.<code>" says the whole
// problem in the user's language, its placeholders filled from the problem's other members ("{traceId}"), and
// "field.<code>" what is wrong with one field.
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

/**
 * Each field's reasons, translated where the catalogue has words for its code. A reason with a code the catalogue
 * does not know ("must be between 1 and 100.") is kept in English: it says more than "invalid value" would.
 */
export function fieldMessages(problem) {
  const reasons = problem?.errors ?? {};
  const codes = problem?.fieldCodes ?? {};
  return Object.fromEntries(
    Object.entries(reasons).map(([field, fieldReasons]) => [
      field,
      fieldReasons.map((reason, i) => (hasMessage(`field.${codes[field]?.[i]}`) ? t(`field.${codes[field][i]}`) : reason)),
    ]),
  );
}
