// "What happens when I dial X": the dial plan's answer from the routing calls use (POST /api/v1/dial-rules/test),
// nothing dialled. Shown on the dial rules page, where a changed rule can be tried at once.
import { html } from "lit";
import { request } from "../api.js";
import { t } from "../i18n/i18n.js";

/** The tester's form and its last answer; `redraw` repaints the page that holds it. */
export function dialTester(redraw) {
  let answer = null;
  let error = "";

  const test = async (e) => {
    e.preventDefault();
    const form = e.target;
    const asked = { extension: form.extension.value.trim(), number: form.number.value.trim() };
    error = "";
    try {
      answer = { ...asked, ...(await request("POST", "/api/v1/dial-rules/test", asked)) };
    } catch (err) {
      answer = null;
      error = err.message;
    }
    redraw();
  };

  return () => html`<form class="card" @submit=${test} aria-labelledby="dial-test">
      <h2 id="dial-test">${t("dialTest.title")}</h2>
      <div class="filters">
        <label>${t("dialTest.extension")} <input name="extension" required inputmode="numeric" autocomplete="off"></label>
        <label>${t("dialTest.number")} <input name="number" required inputmode="tel" pattern="[0-9*#+]{1,32}" autocomplete="off"></label>
        <button type="submit">${t("dialTest.run")}</button>
      </div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
      ${answer ? html`<p class="dial-test-answer" role="status" data-outcome=${answer.outcome}>${describe(answer)}</p>` : ""}
    </form>`;
}

/** One sentence for the outcome, with what the caller hears when the call is refused. */
function describe(a) {
  const text = t(`dialTest.${a.outcome}`, {
    dialled: a.number,
    extension: a.extension,
    number: a.number ?? "",
    kind: a.kind ? t(`dialTest.kind.${a.kind}`) : "",
    prefix: a.prefix ?? "",
    group: a.group === "*" ? t("dialRules.anyGroup") : a.group ?? "",
    trunks: a.trunks.join(" → "),
    permission: t(`outbound.class.${a.permissionClass}`),
  });
  return a.sipStatus ? `${text} ${t("dialTest.hears", { status: a.sipStatus })}` : text;
}
