// The REST API as the console uses it: bearer token in sessionStorage, problem details turned into ApiError.
import { t } from "./i18n/i18n.js";
import { fieldMessages, problemMessage } from "./i18n/problems.js";

const tokenKey = "pbx.session";

export class ApiError extends Error {
  /** status 0: the server could not be reached at all. */
  constructor(status, problem) {
    super(status === 0 ? t("problem.unreachable") : problemMessage(problem, status));
    this.status = status;
    this.fieldErrors = fieldMessages(problem);
  }
}

export function session() {
  const raw = sessionStorage.getItem(tokenKey);
  if (!raw) return null;
  const value = JSON.parse(raw);
  return new Date(value.expiresAt) > new Date() ? value : null;
}

export const can = {
  admin: () => session()?.role === "admin",
  operate: () => ["admin", "operator"].includes(session()?.role),
  // Everyone but a phone owner ("user"), whom the API shows only their own extension's calls and phone.
  supervise: () => ["admin", "operator", "viewer"].includes(session()?.role),
};

export async function signIn(username, password) {
  const value = await request("POST", "/api/v1/auth/login", { username, password }, { anonymous: true });
  sessionStorage.setItem(tokenKey, JSON.stringify(value));
  return value;
}

export function signOut() {
  sessionStorage.removeItem(tokenKey);
}

export async function request(method, url, body, { anonymous = false, raw = false } = {}) {
  const headers = {};
  const current = session();
  if (!anonymous && current) headers.Authorization = `Bearer ${current.accessToken}`;
  // A FormData body (a file upload) goes as multipart, with the boundary the browser chooses; anything else as JSON.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers["Content-Type"] = "application/json";
  // fetch rejects only when no answer came (server down, network gone), with a browser-worded English TypeError.
  const response = await fetch(url, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) }).catch(() => {
    throw new ApiError(0, null);
  });
  if (response.status === 401 && !anonymous) {
    signOut();
    location.hash = "#/login";
  }
  if (!response.ok) {
    const problem = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

export const get = (url) => request("GET", url);

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Downloads an authenticated resource as a file named by the server or by fallbackName. */
export async function download(url, fallbackName) {
  const response = await request("GET", url, undefined, { raw: true });
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** An object URL for an authenticated resource, e.g. a recording for an audio element. */
export async function blobUrl(url) {
  const response = await request("GET", url, undefined, { raw: true });
  return URL.createObjectURL(await response.blob());
}

/**
 * Wraps a loader so only the most recent call settles: a slow earlier answer (the unfiltered first page) must never
 * overwrite the answer to the filter the user just applied. Superseded calls stay pending and are garbage collected.
 */
export function latestOnly(loader) {
  let sequence = 0;
  return (...args) => {
    const mine = ++sequence;
    const settleIfLatest = (settle) => (value) => (mine === sequence ? settle(value) : undefined);
    return new Promise((resolve, reject) => loader(...args).then(settleIfLatest(resolve), settleIfLatest(reject)));
  };
}
