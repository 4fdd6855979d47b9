// The user's language and the messages in it. The choice is kept in this browser (localStorage), which is all the
// sign-in page has; account-language.js keeps it with the account as well.
import { fallbackLanguage, languages, pickLanguage } from "./languages.js";
import en from "./messages/en.json";
import ru from "./messages/ru.json";
import uz from "./messages/uz.json";

const catalogues = { en, ru, uz };
const storageKey = "pbx.language";
const listeners = new Set();
let current = pickLanguage(localStorage.getItem(storageKey), navigator.languages);
document.documentElement.lang = current;

export const language = () => current;

/** The BCP 47 locale Intl formats dates and numbers with in the current language. */
export const locale = () => languages.find((l) => l.code === current).locale;

export function setLanguage(code) {
  current = pickLanguage(code);
  localStorage.setItem(storageKey, current);
  document.documentElement.lang = current;
  for (const listener of listeners) listener(current);
}

/** Calls callback after each change of language, until the returned function is called. */
export function onLanguageChange(callback) {
  listeners.add(callback);
  return () => listeners.delete(callback);
}

export const hasMessage = (key) => key in catalogues[current];

/**
 * The message for key with its {placeholders} filled from params. A placeholder without a value is left as written,
 * so a caller can tell the message could not be completed. A key missing from the catalogue shows as itself (the
 * catalogue test keeps that from shipping).
 */
export function t(key, params = {}) {
  const text = catalogues[current][key] ?? catalogues[fallbackLanguage][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (placeholder, name) => (params[name] ?? placeholder).toString());
}

/**
 * The label of a value the API sends as a word (a call's disposition, an extension's state) in the current language:
 * the message "<group>.<value>", or the value itself when the console does not know it yet.
 */
export const valueLabel = (group, value) => (hasMessage(`${group}.${value}`) ? t(`${group}.${value}`) : value);
