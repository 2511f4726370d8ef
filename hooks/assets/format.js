// Dates and numbers in a language, through Intl: pure (no DOM, no storage).
// One date style for the whole course: the long date of the certificate
// ("November 26, 2026", "26. November 2026"), with the short time of day where
// the moment matters (a post-test attempt). i18n.js's translator and the
// certificate use these, so that every page writes a date the same way.

const formats = new Map();

/** One Intl formatter per kind, language and options: building them is the costly part. */
function formatter(Kind, language, options) {
  const id = `${Kind.name}|${language}|${JSON.stringify(options)}`;
  if (!formats.has(id)) formats.set(id, new Kind(language, options));
  return formats.get(id);
}

/**
 * The moment `value` names. "2025-03-10" (a day, as a certificate keeps it) is that
 * calendar day wherever the learner is, not midnight UTC, which is the day before
 * west of Greenwich. A Date or an ISO time is taken as it is.
 */
export function toDate(value) {
  if (value instanceof Date) return value;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
}

/** A valid moment, or null: Intl throws on an invalid date (and new Date(null) is 1970). */
function validDate(value) {
  if (value === null || value === undefined || value === "") return null;
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "November 26, 2026" in `language`; a value that is no date is shown as it is. */
export function longDate(value, language) {
  const date = validDate(value);
  return date ? formatter(Intl.DateTimeFormat, language, { dateStyle: "long" }).format(date) : String(value ?? "");
}

/** "November 26, 2026 at 6:29 AM": the long date and the time of day, in `language`. */
export function longDateTime(value, language) {
  const date = validDate(value);
  return date ? formatter(Intl.DateTimeFormat, language, { dateStyle: "long", timeStyle: "short" }).format(date)
    : String(value ?? "");
}

/** A number in `language` ("1,234.5", "1.234,5", "١٬٢٣٤٫٥"); `options` as Intl.NumberFormat's. */
export function formatNumber(value, language, options = {}) {
  return formatter(Intl.NumberFormat, language, options).format(value);
}

/** A whole or one-decimal percentage in `language`: 80 -> "80%", "80 %", "٨٠٪"; 79.5 -> "79.5%". */
export function formatPercent(value, language) {
  return formatNumber(value / 100, language, { style: "percent", maximumFractionDigits: 1 });
}
