// The prompts library: what IVR menus and queues play. Everyone who reads configuration lists and listens; admins upload
// (WAV, MP3, Ogg Vorbis, converted by the server) and delete. System prompts cannot be deleted: uploading one with the
// same name and language replaces it.
import { html, render } from "lit";
import { can, get, request } from "../api.js";
import { bytes, dateTime, number } from "../format.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { languages } from "../i18n/languages.js";
import { describedBy, fieldError, attempt } from "./form.js";
import { recordingPlayer } from "./recording-player.js";
import { empty, failed, loading } from "./states.js";

// A prompt's language by its own name, as the language picker lists them; a tag the console does not speak as it is.
const languageName = (code) => languages.find((l) => l.code === code)?.name ?? code;

export function mount(el) {
  const admin = can.admin();
  let items = null;
  let errors = {};
  let error = "";
  let message = "";
  let uploading = false;
  const player = recordingPlayer(() => draw(), (reason) => (error = reason), (id) => `/api/v1/prompts/${id}/content`);
  const label = (p) => (p.language ? `${p.name} (${p.language})` : p.name);

  const draw = () =>
    render(
      html`
        <h1>${t("nav.prompts")}</h1>
        <p class="muted">${t("prompts.intro")}</p>
        ${message ? html`<p class="notice" role="status">${message}</p>` : ""}
        ${error ? failed(error, items ? null : load) : ""}
        ${admin ? html`<form class="filters" @submit=${upload} aria-label=${t("prompts.uploadTitle")}>
          <label>${t("prompts.file")} <input name="file" type="file" required accept=".wav,.mp3,.ogg,audio/wav,audio/mpeg,audio/ogg"
            aria-describedby=${describedBy(errors, "file")}></label>${fieldError(errors, "file")}
          <label>${t("prompts.name")} <input name="name" autocomplete="off" placeholder=${t("prompts.namePlaceholder")} aria-describedby=${describedBy(errors, "name")}></label>
          ${fieldError(errors, "name")}
          <label>${t("prompts.language")} <select name="language"><option value="">${t("prompts.anyLanguage")}</option>
            ${languages.map((l) => html`<option value=${l.code} lang=${l.code}>${l.name}</option>`)}</select></label>
          <button type="submit" ?disabled=${uploading}>${uploading ? t("prompts.uploading") : t("prompts.upload")}</button>
          <small class="muted">${t("prompts.formats")}</small></form>` : ""}
        ${!items && !error ? loading() : ""}
        ${items && items.length === 0 ? empty(t("prompts.none")) : ""}
        ${items && items.length > 0 ? html`<div class="table-wrap"><table class="prompts">
          <thead><tr><th>${t("prompts.name")}</th><th>${t("prompts.language")}</th><th>${t("prompts.kind")}</th><th>${t("call.duration")}</th>
            <th>${t("recordings.size")}</th><th>${t("prompts.added")}</th><th>${t("common.actions")}</th></tr></thead>
          <tbody>${items.map((p) => html`<tr data-prompt=${p.id} data-name=${p.name} data-language=${p.language ?? ""}>
            <td>${p.name}</td><td>${p.language ? languageName(p.language) : html`<span class="muted">${t("prompts.anyLanguage")}</span>`}</td>
            <td>${valueLabel("promptKind", p.kind)}</td><td>${t("prompts.seconds", { seconds: number(Math.round(p.durationMs / 100) / 10) })}</td><td>${bytes(p.sizeBytes)}</td>
            <td>${dateTime(p.createdAt)}</td>
            <td class="actions">${player.playControl(p.id, label(p), t("prompts.playing", { prompt: label(p) }))}
              ${admin && p.kind === "uploaded" ? html`<button type="button" class="danger" @click=${() => remove(p)}>${t("common.delete")}<span class="visually-hidden"> ${label(p)}</span></button>` : ""}
</td></tr>`)}
          </tbody></table></div>` : ""}`,
      el,
    );

  async function upload(e) {
    e.preventDefault();
    const form = e.target;
    uploading = true;
    draw();
    ({ message, error, errors } = await attempt(async () => {
      const body = new FormData(form);
      if (!body.get("name")) body.delete("name");
      if (!body.get("language")) body.delete("language");
      const prompt = await request("POST", "/api/v1/prompts", body);
      form.reset();
      return prompt;
    }, t("prompts.uploaded")));
    uploading = false;
    await load();
  }

  async function remove(p) {
    if (!confirm(t("prompts.confirmDelete", { prompt: label(p) }))) return;
    ({ message, error, errors } = await attempt(() => request("DELETE", `/api/v1/prompts/${p.id}`), t("prompts.deleted")));
    await load();
  }

  async function load() {
    try {
      items = (await get("/api/v1/prompts?pageSize=500")).items;
    } catch (err) {
      error = t("prompts.loadFailed", { reason: err.message });
    }
    draw();
  }

  draw();
  load();
  return player.dispose;
}
