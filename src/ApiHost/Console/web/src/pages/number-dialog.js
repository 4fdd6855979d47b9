// A small modal dialog asking for a number (transfer, deflect). The native <dialog> traps focus, closes on Escape and
// gives focus back to the button that opened it, so it is keyboard accessible without extra code.
import { html, render } from "lit";
import { t } from "../i18n/i18n.js";

/** Resolves to the number typed (or "voicemail" when offered and chosen), or null when cancelled. */
export function askNumber({ title, label, submit, voicemail = false }) {
  return new Promise((resolve) => {
    const host = document.createElement("div");
    document.body.append(host);
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      const dialog = host.querySelector("dialog");
      if (dialog.open) dialog.close();
      host.remove();
      resolve(value);
    };
    const submitted = (e) => {
      e.preventDefault();
      const value = e.target.elements.number.value.trim();
      if (value) finish(value);
    };
    render(
      html`<dialog class="number-dialog" aria-labelledby="number-dialog-title" @close=${() => finish(null)}>
        <form @submit=${submitted}>
          <h2 id="number-dialog-title">${title}</h2>
          <label>${label} <input name="number" inputmode="tel" autocomplete="off" required></label>
          <div class="actions">
            <button type="submit">${submit}</button>
            ${voicemail ? html`<button type="button" class="secondary" @click=${() => finish("voicemail")}>${t("action.toVoicemail")}</button>` : ""}
            <button type="button" class="secondary" @click=${() => finish(null)}>${t("common.cancel")}</button>
          </div>
        </form>
      </dialog>`,
      host,
    );
    host.querySelector("dialog").showModal();
  });
}
