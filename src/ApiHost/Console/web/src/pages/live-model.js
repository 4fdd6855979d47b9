// The live picture shared by the wallboard and the live calls page: extensions with registration and call state,
// and calls in progress, first fetched from /api/v1/live then kept up to date from hub events.
import { html } from "lit";
import { get } from "../api.js";
import { t, valueLabel } from "../i18n/i18n.js";
import { listen, onStatus, subscribed } from "../live.js";

export const callParties = (call) => ({
  from: call.data?.caller ?? call.data?.from ?? "",
  to: call.data?.callee ?? call.data?.to ?? "",
});

/** The state an extension tile shows: its call state while it has one (a phone may call without registering), else offline or idle. */
export function extensionState(model, number) {
  const state = model.states[number];
  if (state === "dnd" || state === "ringing" || state === "in-call") return state;
  return model.registered.has(number) ? "idle" : "offline";
}

export function liveModel(onChange) {
  const model = { extensions: [], registered: new Set(), states: {}, calls: new Map(), error: "", loaded: false };
  const stateCalls = {}; // number -> id of the call its current state came from
  // Events that arrive while a snapshot is being fetched: the snapshot may be older than they are, so they are applied
  // again on top of it (applying an event twice changes nothing).
  let replay = null;
  const track = (handler) => (e) => {
    replay?.push(() => handler(e));
    handler(e);
  };

  async function load() {
    replay = [];
    try {
      const [list, live, calls] = await Promise.all([get("/api/v1/extensions?pageSize=500"), get("/api/v1/live/extensions"), get("/api/v1/live/calls")]);
      model.extensions = list.items;
      model.registered = new Set(live.registered);
      model.states = { ...live.states };
      model.calls = new Map(calls.map((c) => [c.key, c]));
      model.error = "";
      for (const again of replay) again();
    } catch (err) {
      model.error = t("live.loadFailed", { reason: err.message });
    } finally {
      replay = null;
    }
    model.loaded = true;
    onChange();
  }

  async function reloadRegistrations() {
    try {
      model.registered = new Set((await get("/api/v1/live/extensions")).registered);
      onChange();
    } catch {
      // The next event or reconnect refetches; the tiles keep their last known state meanwhile.
    }
  }

  const stops = [
    // One phone may hold several bindings, so "unregistered" of one contact does not make the extension offline: ask.
    listen("registration", track((e) => {
      if (e.kind === "registered") {
        model.registered.add(e.key);
        onChange();
      } else reloadRegistrations();
    })),
    listen("extension", track((e) => {
      model.states[e.key] = e.kind;
      stateCalls[e.key] = e.data?.callId;
      onChange();
    })),
    listen("call", track((e) => {
      if (e.kind === "ended") {
        model.calls.delete(e.key);
        // Extensions this call made ring or busy are free again, even if their own "idle" event never arrives.
        for (const [number, callId] of Object.entries(stateCalls)) {
          if (callId === e.key) {
            delete model.states[number];
            delete stateCalls[number];
          }
        }
      }
      else {
        const previous = model.calls.get(e.key);
        model.calls.set(e.key, { ...e, data: { ...previous?.data, ...e.data }, startedAt: previous?.startedAt ?? e.timestamp });
      }
      onChange();
    })),
    onStatus((s) => s === "reconnected" && load()),
  ];
  subscribed().then(load);
  return { model, reload: load, stop: () => stops.forEach((stop) => stop()) };
}

/**
 * A call's phase and flags from its merged live events: the call engine puts its phase, held and recording flags in the
 * data; an event without them is read by its kind.
 */
export function callState(call) {
  const data = call.data ?? {};
  return {
    ringing: (data.state ?? call.kind) === "ringing",
    held: data.held ?? call.kind === "held",
    recording: data.recording ?? call.kind === "recording-started",
  };
}

/** What a call's state column says: held, or its phase (a "resumed" event is an answered call again). */
export const stateLabel = (call) => valueLabel("callState", callState(call).held ? "held" : call.data?.state ?? call.kind);

/** The mark of a call being recorded, read out as words. */
export const recordingBadge = () =>
  html`<span class="rec" role="img" aria-label=${t("call.recordingNow")} title=${t("call.recordingNow")}>● REC</span>`;

/** The actions that apply to a call now, as the API's ActiveCall.actions names them (CallActionsApi.ActionsFor). */
export function callActions({ ringing, held, recording }) {
  if (ringing) return ["deflect"];
  if (held) return ["hangup", "resume"];
  return ["hangup", "hold", "transfer", recording ? "stop-recording" : "start-recording", "dtmf"];
}
