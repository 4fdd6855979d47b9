// How every page says it is loading, has nothing to show, or failed.
import { html } from "lit";
import { t } from "../i18n/i18n.js";

export const loading = () => html`<p class="loading" role="status">${t("common.loading")}</p>`;

export const empty = (text) => html`<p class="empty">${text}</p>`;

/** An error, with a Retry button when the failed step can simply be run again. */
export const failed = (message, retry) =>
  html`<p class="error" role="alert">${message}${retry ? html` <button type="button" class="secondary" @click=${retry}>${t("common.retry")}</button>` : ""}</p>`;
