// Form helpers shared by the editing pages: field errors from a 400's problem details next to their inputs.
import { html } from "lit";

export const fieldError = (errors, name) => {
  const key = Object.keys(errors).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? html`<span class="field-error" id="${name}-error" role="alert">${errors[key].join(" ")}</span>` : "";
};

export const describedBy = (errors, name) => (Object.keys(errors).some((k) => k.toLowerCase() === name.toLowerCase()) ? `${name}-error` : "");

export const formObject = (form) => Object.fromEntries(new FormData(form).entries());

/** A random password from characters that read unambiguously off a screen. */
export function randomPassword(length = 16) {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * Runs a change a page asked of the API and says what the page shows next: the success message, or the API's message
 * with its field errors (shown next to their inputs).
 */
export async function attempt(action, success) {
  try {
    await action();
    return { message: success, error: "", errors: {} };
  } catch (err) {
    return { message: "", error: err.message, errors: err.fieldErrors ?? {} };
  }
}
