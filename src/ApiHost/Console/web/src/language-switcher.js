// The language picker of the header and the sign-in page. Each language is listed in its own name and script, so a
// user who cannot read the current one still finds theirs.
import { html } from "lit";
import { languages } from "./i18n/languages.js";
import { chooseLanguage } from "./i18n/account-language.js";
import { language, t } from "./i18n/i18n.js";

export const languageSwitcher = () => html`
  <label class="language"><span class="visually-hidden">${t("language.label")}</span>
    <select @change=${(e) => chooseLanguage(e.target.value)}>
      ${languages.map((l) => html`<option value=${l.code} lang=${l.code} ?selected=${l.code === language()}>${l.name}</option>`)}
    </select></label>`;
