// Table cells more than one page shows the same way.
import { html } from "lit";
import { t, valueLabel } from "../i18n/i18n.js";

/**
 * A value, or a dash where it is blank: an empty cell reads as "still loading" or "broken". Screen readers skip the
 * dash and read what it stands for ("no name").
 */
export const orDash = (value, meaning) =>
  value ? value : html`<span class="blank" title=${meaning}><span aria-hidden="true">—</span><span class="visually-hidden">${meaning}</span></span>`;

/** A call's result as a coloured tag; a call without one has not ended yet. */
export const dispositionTag = (disposition) =>
  html`<span class="tag ${disposition ?? "in-progress"}">${disposition ? valueLabel("disposition", disposition) : t("disposition.in-progress")}</span>`;
