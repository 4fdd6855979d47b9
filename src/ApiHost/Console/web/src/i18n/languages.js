// The console's languages, and which one a user sees before choosing: their browser's first language the console
// speaks, else English.

/** Each language with its name as its speakers write it (so anyone finds their own) and the locale Intl formats with. */
export const languages = [
  // Day-month order and the 24-hour clock, as the organisations using the console write dates, also in English.
  { code: "en", name: "English", locale: "en-GB" },
  { code: "ru", name: "Русский", locale: "ru-RU" },
  // Uzbek in the Latin script, the official one since 1995; a browser asking for uz-Cyrl gets it too.
  { code: "uz", name: "Oʻzbekcha", locale: "uz-Latn-UZ" },
];

export const fallbackLanguage = "en";

const spoken = (tag) => languages.find((l) => l.code === tag?.toLowerCase().split("-")[0])?.code;

/** The stored choice if it is still a language of the console, else the first of the browser's languages it speaks. */
export function pickLanguage(stored, browserLanguages = []) {
  return spoken(stored) ?? browserLanguages.map(spoken).find(Boolean) ?? fallbackLanguage;
}
