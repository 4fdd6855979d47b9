// One SignalR connection to /hubs/live for the whole console; pages add listeners per topic.
import { HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { session } from "./api.js";

const listeners = new Map(); // topic -> Set<callback>
const statusListeners = new Set();
let connection = null;
let connected = deferred();
const pendingSubscriptions = new Set();

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

function disconnected() {
  if (connected.settled) connected = deferred();
}

function markConnected() {
  connected.settled = true;
  connected.resolve();
}

// Retry forever, backing off to 10 s: a wallboard on a TV must come back by itself after a server restart.
const retryForever = { nextRetryDelayInMilliseconds: (ctx) => Math.min(10_000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) };

function setStatus(status) {
  for (const listener of statusListeners) listener(status);
}

async function start() {
  while (connection && connection.state === HubConnectionState.Disconnected) {
    try {
      await connection.start();
      await resubscribe();
      markConnected();
      setStatus("connected");
    } catch {
      setStatus("reconnecting");
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

// A topic the hub refuses (not this user's) must not fail the connection, or it would reconnect for ever.
async function resubscribe() {
  for (const topic of listeners.keys()) await connection.invoke("Subscribe", topic).catch(() => {});
}

function ensureConnection() {
  if (connection) return;
  connection = new HubConnectionBuilder()
    .withUrl("/hubs/live", { accessTokenFactory: () => session()?.accessToken ?? "" })
    .withAutomaticReconnect(retryForever)
    .configureLogging(LogLevel.None)
    .build();
  connection.on("event", (event) => {
    for (const callback of listeners.get(event.topic) ?? []) callback(event);
  });
  connection.onreconnecting(() => {
    disconnected();
    setStatus("reconnecting");
  });
  connection.onreconnected(async () => {
    await resubscribe();
    markConnected();
    setStatus("reconnected");
  });
  // Only reached when start() itself failed or the server closed the connection for good: start over.
  connection.onclose(() => {
    disconnected();
    setStatus("reconnecting");
    setTimeout(start, 3000);
  });
  start();
}

/** Calls callback with each event of topic until the returned function is called. */
export function listen(topic, callback) {
  ensureConnection();
  let set = listeners.get(topic);
  if (!set) {
    set = new Set();
    listeners.set(topic, set);
    if (connection.state === HubConnectionState.Connected) {
      // A failed subscription shows as a page that does not update; the next reconnect subscribes again.
      const pending = connection.invoke("Subscribe", topic).catch(() => {});
      pendingSubscriptions.add(pending);
      pending.finally(() => pendingSubscriptions.delete(pending));
    }
  }
  set.add(callback);
  return () => set.delete(callback);
}

/**
 * Resolves once the connection is up and every topic listened to so far is subscribed. Pages fetch their picture after
 * this, so no change falls between the fetch and the first event.
 */
export async function subscribed() {
  ensureConnection();
  await connected.promise;
  await Promise.all(pendingSubscriptions);
}

/** Calls callback with "connected", "reconnecting" or "reconnected" (after which pages refetch their picture). */
export function onStatus(callback) {
  statusListeners.add(callback);
  return () => statusListeners.delete(callback);
}

export function disconnect() {
  const closing = connection;
  connection = null;
  disconnected();
  listeners.clear();
  closing?.stop();
}
