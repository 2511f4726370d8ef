// Checking a progress file before anything is written: pure (no DOM, no storage).
//
// The whole file is checked against the manifest: its format and course, the
// record (record.js) and every stored knowledge-check answer. Anything invalid
// rejects the whole file with one message; only a valid file is written, and
// then only the cleaned copy this returns (known fields, known ids).
//
// Answers to quiz ids or pages this build does not have are checked for shape
// and then dropped, not rejected: a quiz id carries a fingerprint of its
// question, so editing a question changes its id, and a file exported before
// the edit must still import (the edited question simply starts unanswered,
// as quiz-guard.js does for answers already in the browser).

import { courseTranslator } from "./i18n.js";
import { checkRecord, isObject, shown } from "./record.js";

export const EXPORT_FORMAT = "ce-course-progress";
export const FILL_ANSWER_LIMIT = 200;
const VALUES_LIMIT = 100;
// "<" followed by a letter, "/", "!" or "?" opens a tag or comment when parsed as HTML.
// mkdocs-quiz writes typed answers into its feedback with innerHTML, so a typed
// answer that reads as markup is refused: it cannot be anything a blank expects.
const MARKUP = /<[A-Za-z/!?]/;

/**
 * @returns {{ok: true, record: object, quizzes: Record<string, object>} | {ok: false, message: string}}
 *   `quizzes` has an entry (possibly empty) for every module of the manifest, keyed by its url.
 */
export function validateProgressFile(manifest, data) {
  const { t } = courseTranslator(manifest);
  const damaged = (path) => fail(t("transfer.import.damaged", { path }));
  if (!isObject(data) || data.format !== EXPORT_FORMAT) {
    return fail(t("transfer.import.not_progress_file"));
  }
  if (data.courseId !== manifest.course.id) {
    return fail(t("transfer.import.other_course", { course: shown(data.courseId) }));
  }
  const { record, problems } = checkRecord(manifest, data.record);
  if (problems.length) return damaged(problems[0].path);
  if (!isObject(data.quizzes)) return damaged("quizzes");

  const modules = new Map(manifest.modules.map((module) => [module.url, module]));
  const quizzes = Object.fromEntries(manifest.modules.map((module) => [module.url, {}]));
  for (const [url, answers] of Object.entries(data.quizzes)) {
    const path = `quizzes.${shown(url)}`;
    if (!isObject(answers)) return damaged(path);
    const module = modules.get(url) || null; // null: a module removed since the export
    const { kept, problem } = checkQuizAnswers(module, answers, path);
    if (problem) return damaged(problem);
    if (module) quizzes[url] = kept;
  }
  return { ok: true, record, quizzes };
}

/**
 * Check one page's stored knowledge-check answers ({quizId: entry}).
 * @returns {{kept: object, problem: string | null}}  `kept`: the valid entries of known quiz ids;
 *   `problem`: the path of the first invalid entry (every entry is checked, known or not).
 */
export function checkQuizAnswers(module, answers, path = "quizzes") {
  const questions = new Map((module?.questions || []).map((question) => [question.id, question]));
  const kept = {};
  let problem = null;
  for (const [id, entry] of Object.entries(isObject(answers) ? answers : {})) {
    const question = questions.get(id) || null;
    const clean = checkAnswer(question, entry);
    if (!clean) problem ??= `${path}.${shown(id)}`;
    else if (question) kept[id] = clean;
  }
  return { kept, problem };
}

/** What this browser holds for a page, without the entries that would not import. */
export function cleanQuizAnswers(module, stored) {
  return checkQuizAnswers(module, stored).kept;
}

/** One stored answer, as mkdocs-quiz keeps it: {answered, correct, selectedValues, firstTry?}. */
function checkAnswer(question, entry) {
  if (!isObject(entry) || typeof entry.answered !== "boolean" || typeof entry.correct !== "boolean") return null;
  if (entry.correct && !entry.answered) return null;
  if (entry.firstTry !== undefined && typeof entry.firstTry !== "boolean") return null;
  const values = entry.selectedValues === undefined ? [] : entry.selectedValues;
  if (!Array.isArray(values) || values.length > VALUES_LIMIT) return null;
  if (!values.every((v) => typeof v === "string" && v.length <= FILL_ANSWER_LIMIT && !MARKUP.test(v))) return null;
  if (question && !fitsQuestion(question, values)) return null;
  const clean = { answered: entry.answered, correct: entry.correct, selectedValues: [...values] };
  if (entry.firstTry !== undefined) clean.firstTry = entry.firstTry;
  return clean;
}

function fitsQuestion(question, values) {
  if (question.type === "fill") return values.length <= question.blanks;
  const options = new Set(Array.from({ length: question.options }, (_, i) => String(i)));
  if (!values.every((v) => options.has(v)) || new Set(values).size !== values.length) return false;
  return question.type !== "single" || values.length <= 1;
}

function fail(message) {
  return { ok: false, message };
}
