// i18n.js: the course's texts from the manifest's catalogue, plural forms, numbers
// and dates through Intl in the page's language.
import assert from "node:assert/strict";
import { test } from "node:test";

import { scorePercent } from "../../hooks/assets/grade.js";
import { courseTranslator, pageLanguage, translator } from "../../hooks/assets/i18n.js";
import { catalogue } from "./catalogue.mjs";
import { makeManifest } from "./fixtures.mjs";

const LANGUAGES = ["en", "de", "es", "fr", "ar"];
const english = translator(catalogue("en"), "en");
const german = translator(catalogue("de"), "de");
const arabic = translator(catalogue("ar"), "ar");

test("a text gets its placeholders, numbers formatted in the language", () => {
  assert.equal(english.t("post_test.number", { number: 3, total: 12 }), "Question 3 of 12");
  assert.equal(german.t("position.knowledge_check", { answered: 1234, total: 2000 }), "Wissenscheck: 1.234 von 2.000 beantwortet");
  assert.equal(english.t("next_step", { title: "{total} <b>" }), "Next step: {total} <b>", "a value is inserted as it is, once");
  assert.equal(english.t("next_step"), "Next step: {title}", "a missing value leaves its placeholder");
  assert.equal(english.t("no.such.key"), "no.such.key", "an unknown key shows itself, never nothing");
});

test("plural forms follow the language's rules, and the number as shown", () => {
  assert.equal(english.plural("progress.summary", 1, { done: 0, total: 1 }), "0 of 1 step complete");
  assert.equal(english.plural("progress.summary", 4, { done: 2, total: 4 }), "2 of 4 steps complete");
  assert.equal(english.credit(1, "ce-hours"), "1.0 CE hours", "1.0 is plural in English");
  assert.equal(translator(catalogue("fr"), "fr").credit(1.5, "contact-hours"), "1,5 heure de contact", "French: 0 to 1.99 is singular");
  const forms = [0, 1, 2, 3, 11, 100].map((n) => arabic.plural("credit.unit.ce-hours", n, { amount: n }));
  assert.deepEqual(forms, ["0 ساعة تعليم مستمر", "1 ساعة تعليم مستمر", "2 ساعة تعليم مستمر", "3 ساعات تعليم مستمر",
    "11 ساعة تعليم مستمر", "100 ساعة تعليم مستمر"]);
  const polish = translator({ "x_one": "{n} plik", "x_other": "{n} plików" }, "pl");
  assert.equal(polish.plural("x", 3, { n: 3 }), "3 plików", "a form the catalogue lacks falls back to _other");
  assert.equal(english.plural("no.such", 2), "no.such");
});

test("every shipped catalogue has a form for every plural category Intl picks", () => {
  const counts = [...Array(121).keys(), 0.5, 1.5, 2.25, 1000, 1_000_000];
  for (const language of LANGUAGES) {
    const strings = catalogue(language);
    const groups = [...new Set(Object.keys(strings).filter((k) => k.endsWith("_other")).map((k) => k.slice(0, -6)))];
    for (const digits of [{}, { minimumFractionDigits: 1, maximumFractionDigits: 2 }]) {
      const rules = new Intl.PluralRules(language, digits);
      for (const count of counts) {
        for (const group of groups) {
          assert.ok(Object.hasOwn(strings, `${group}_${rules.select(count)}`),
            `${language}: ${group}_${rules.select(count)} for ${count}`);
        }
      }
    }
  }
});

test("percentages and credit read as each language writes them", () => {
  assert.equal(english.percent(scorePercent(35, 44, 80)), "79.5%");
  assert.equal(german.percent(80), "80\u00a0%");
  assert.equal(german.credit(0.5, "ce-hours"), "0,5 Fortbildungsstunden");
  assert.equal(english.credit(0.25, "ceus"), "0.25 CEUs");
  assert.equal(english.credit(2, "none"), "", "a non-credit course names no credit");
});

test("dates: one long format in the page's language, a certificate's day never shifted by the time zone", () => {
  assert.equal(english.date("2025-03-10"), "March 10, 2025");
  assert.equal(german.date("2025-03-10"), "10. März 2025");
  assert.equal(translator({}, "es").date("2025-11-26"), "26 de noviembre de 2025");
  const at = new Date(2026, 10, 26, 6, 29);
  assert.equal(english.dateTime(at.toISOString()), "November 26, 2026 at 6:29 AM");
  assert.equal(german.dateTime(at.toISOString()), "26. November 2026 um 06:29");
});

test("the page's language is <html lang>, else the manifest's", () => {
  const manifest = { ...makeManifest(), language: "fr", strings: catalogue("fr") };
  assert.equal(pageLanguage(manifest), "fr");
  assert.equal(courseTranslator(manifest).t("steps.post_test.label"), "Test final");
  globalThis.document = { documentElement: { lang: "de" } };
  try {
    assert.equal(pageLanguage(manifest), "de");
    assert.equal(courseTranslator(manifest).percent(92), "92\u00a0%");
  } finally {
    delete globalThis.document;
  }
});
