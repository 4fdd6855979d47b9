// Playing and downloading a call's recording, as the history and recordings pages offer it. The audio is fetched with
// the bearer token (an <audio> element cannot send one) and played from an object URL, revoked when the next plays or
// the page goes.
import { html } from "lit";
import { blobUrl, download } from "../api.js";
import { t } from "../i18n/i18n.js";

/**
 * A player for one page: redraw after a change; failed(message) when the audio cannot be fetched. The prompts page plays
 * its prompts with it too (source: the audio's address for an id).
 */
export function recordingPlayer(redraw, failed, source = (id) => `/api/v1/recordings/${id}/content`) {
  let playing = null; // { id, url }

  async function play(id) {
    try {
      if (playing) URL.revokeObjectURL(playing.url);
      playing = { id, url: await blobUrl(source(id)) };
    } catch (err) {
      failed(t("history.recordingFailed", { reason: err.message }));
    }
    redraw();
  }

  const save = (id, name) =>
    download(source(id), name).catch((err) => {
      failed(t("history.recordingFailed", { reason: err.message }));
      redraw();
    });

  /** Play for audio id (name tells screen readers which), or the player, labelled label, once asked. */
  const playControl = (id, name, label) => playing?.id === id
    ? html`<audio controls autoplay src=${playing.url} aria-label=${label}></audio>`
    : html`<button type="button" class="secondary" @click=${() => play(id)}>${t("history.play")}<span class="visually-hidden"> ${name}</span></button>`;

  return {
    /** Play (or the player, once asked) and Download for recording id of call callId. */
    controls: (id, callId) => html`
      ${playControl(id, callId, t("history.recordingOf", { call: callId }))}
      <button type="button" class="secondary" @click=${() => save(id, `call-${callId}.wav`)}>${t("history.download")}<span class="visually-hidden"> ${callId}</span></button>`,
    playControl,
    dispose: () => playing && URL.revokeObjectURL(playing.url),
  };
}
