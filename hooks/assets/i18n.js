// The course interface in the course's language: the texts come from the
// manifest (`strings`: the build's effective catalogue, checked against
// hooks/coursekit/i18n/en.yml), plurals, numbers and dates from Intl in the
// page's language (<html lang>, else the manifest's `language`).
// Pure: no DOM writes, no storage; the Python side (coursekit/i18n) mirrors the
// plural and number rules for the texts the build writes.

import { formatNumber, formatPercent, longDate, longDateTime } from "./format.js";

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// A credit amount shows one to two decimals: "1.0 CE hours", "0.25 contact hours".
export const CREDIT_DIGITS = { minimumFractionDigits: 1, maximumFractionDigits: 2 };

/** The language the page is written in: <html lang> when there is a page, else the manifest's. */
export function pageLanguage(manifest) {
  const lang = globalThis.document?.documentElement?.lang;
  return lang || manifest?.language || "en";
}

/** A translator for the course of `manifest`, in the page's language. */
export function courseTranslator(manifest) {
  return translator(manifest?.strings || {}, pageLanguage(manifest));
}

/**
 * Texts and formats for one catalogue and language.
 * - t(key, params): the text with {name} placeholders filled (numbers formatted); the key itself if unknown.
 * - plural(key, count, params, digits): the form `key_<category>` for `count` as shown with `digits`
 *   (Intl.PluralRules), falling back to `key_other`.
 * - number, percent (80 -> "80%", "80 %"), date (dateStyle long), dateTime (long date, short time).
 * - credit(amount, unit): "1.0 CE hours"; "" for a non-credit course (unit "none").
 */
export function translator(strings, language) {
  const formats = new Map();
  const cached = (kind, options, make) => {
    const id = `${kind}:${JSON.stringify(options)}`;
    if (!formats.has(id)) formats.set(id, make(language, options));
    return formats.get(id);
  };
  const number = (value, options = {}) => formatNumber(value, language, options);
  const fill = (text, params) => text.replace(PLACEHOLDER, (whole, name) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    return typeof value === "number" ? number(value) : String(value);
  });
  const t = (key, params = {}) => (Object.hasOwn(strings, key) ? fill(strings[key], params) : key);
  const plural = (key, count, params = {}, digits = {}) => {
    const category = cached("plural", digits, (lang, opts) => new Intl.PluralRules(lang, opts)).select(count);
    const form = [`${key}_${category}`, `${key}_other`].find((name) => Object.hasOwn(strings, name));
    return form ? fill(strings[form], params) : key;
  };
  return {
    language,
    t,
    plural,
    number,
    percent: (value) => formatPercent(value, language),
    date: (value) => longDate(value, language), // dates: format.js, one style for every page
    dateTime: (value) => longDateTime(value, language),
    credit: (amount, unit) => (unit === "none" ? ""
      : plural(`credit.unit.${unit}`, Number(amount), { amount: number(Number(amount), CREDIT_DIGITS) }, CREDIT_DIGITS)),
  };
}
