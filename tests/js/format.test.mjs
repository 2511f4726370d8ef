// format.js: one date style for the course (the certificate's long date, with the
// time of day for a moment), numbers and percentages in the page's language.
import assert from "node:assert/strict";
import { test } from "node:test";

import { formatNumber, formatPercent, longDate, longDateTime, toDate } from "../../hooks/assets/format.js";

test("a day is the long date of that calendar day in each language", () => {
  assert.equal(longDate("2026-11-26", "en"), "November 26, 2026");
  assert.equal(longDate("2026-11-26", "de"), "26. November 2026");
  assert.equal(longDate("2026-11-26", "es"), "26 de noviembre de 2026");
  assert.equal(longDate("2026-11-26", "fr"), "26 novembre 2026");
  assert.match(longDate("2026-11-26", "ar"), /نوفمبر/, "Arabic month names");
});

test("a day is never shifted by the time zone: it is read as local midnight, not UTC", () => {
  const day = toDate("2026-01-01");
  assert.deepEqual([day.getFullYear(), day.getMonth(), day.getDate(), day.getHours()], [2026, 0, 1, 0]);
});

test("a moment reads as the long date and the time of day, never as 11/26/2026, 6:29:07 AM", () => {
  const at = new Date(2026, 10, 26, 6, 29, 7);
  assert.equal(longDateTime(at.toISOString(), "en"), "November 26, 2026 at 6:29 AM");
  assert.equal(longDateTime(at, "de"), "26. November 2026 um 06:29");
  assert.equal(longDateTime(at.toISOString(), "fr"), "26 novembre 2026 à 06:29");
  assert.ok(!longDateTime(at, "en").includes("/") && !longDateTime(at, "en").includes(":07"), "no numeric date, no seconds");
  assert.ok(longDateTime(at, "en").startsWith(longDate("2026-11-26", "en")), "the same date style as a day");
});

test("what is no date is shown as it is instead of throwing", () => {
  assert.equal(longDate("not a date", "en"), "not a date");
  assert.equal(longDateTime(undefined, "en"), "");
  assert.equal(longDate(null, "de"), "");
});

test("numbers and percentages follow the language", () => {
  assert.equal(formatNumber(1234.5, "en"), "1,234.5");
  assert.equal(formatNumber(1234.5, "de"), "1.234,5");
  assert.equal(formatNumber(12, "ar"), new Intl.NumberFormat("ar").format(12), "Arabic uses its own digits where ICU says so");
  assert.equal(formatPercent(80, "en"), "80%");
  assert.equal(formatPercent(79.5, "en"), "79.5%", "one decimal, for a score just under the pass mark");
  assert.equal(formatPercent(80, "de"), "80\u00a0%", "a no-break space before the sign");
  assert.equal(formatPercent(80, "fr"), "80\u00a0%");
  assert.equal(formatNumber(1.5, "en", { minimumFractionDigits: 2 }), "1.50", "Intl options pass through");
});
