// The learner's course record in this browser, and the course manifest.
// Everything the learner does outside the knowledge checks lives in one
// localStorage entry per course; knowledge-check answers stay where
// mkdocs-quiz keeps them (one entry per page) and are read through the
// manifest, counting only quiz ids that the current build still has.

export const SITE_ROOT = new URL("../../../", import.meta.url); // assets/course/<hash>/store.js
const RECORD_SCHEMA = 1;
const EXPORT_FORMAT = "ce-course-progress";

let manifestPromise = null;

/** The build-time manifest: the only source of course facts. */
export function loadManifest() {
  manifestPromise ??= fetch(new URL("course-manifest.json", SITE_ROOT)).then((response) => {
    if (!response.ok) throw new Error(`course manifest: HTTP ${response.status}`);
    return response.json();
  });
  return manifestPromise;
}

export function pageUrl(relative) {
  return new URL(relative, SITE_ROOT);
}

/** True when localStorage can be written (false in some private modes or locked-down browsers). */
export function storageAvailable() {
  try {
    const probe = "__course_probe__";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return true;
  } catch (error) {
    return false;
  }
}

function recordKey(manifest) {
  return `ce_course_${manifest.course.id}`;
}

function quizKey(relativeUrl) {
  return "quiz_progress_" + pageUrl(relativeUrl).pathname;
}

function emptyRecord(manifest) {
  return { schema: RECORD_SCHEMA, courseId: manifest.course.id, startedAt: new Date().toISOString(),
           postTest: { attempts: [] }, evaluation: null, certificate: null };
}

function readJson(key) {
  try {
    const text = window.localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch (error) {
    return null;
  }
}

export function loadRecord(manifest) {
  const stored = readJson(recordKey(manifest));
  if (!stored || stored.schema !== RECORD_SCHEMA || stored.courseId !== manifest.course.id) return emptyRecord(manifest);
  return { ...emptyRecord(manifest), ...stored, postTest: { attempts: [], ...(stored.postTest || {}) } };
}

/** Save the whole record; throws when storage is unavailable so callers can tell the learner. */
export function saveRecord(manifest, record) {
  window.localStorage.setItem(recordKey(manifest), JSON.stringify(record));
}

/** Knowledge-check state of one module: counts only questions of the current build. */
export function moduleProgress(module) {
  const stored = readJson(quizKey(module.url)) || {};
  const total = module.quizzes.length;
  let answered = 0;
  let correct = 0;
  for (const id of module.quizzes) {
    const entry = stored[id];
    if (entry && entry.answered) answered += 1;
    if (entry && entry.answered && entry.correct) correct += 1;
  }
  const state = answered === 0 ? "not-started" : answered < total ? "in-progress" : "done";
  return { total, answered, correct, state, score: total ? Math.round((100 * correct) / total) : 0 };
}

export function bestAttempt(record) {
  return record.postTest.attempts.reduce((best, a) => (!best || a.score > best.score ? a : best), null);
}

export function passedAttempt(record) {
  return record.postTest.attempts.find((attempt) => attempt.passed) || null;
}

/** Which certificate requirements are still missing, as readable sentences with links. */
export function missingRequirements(manifest, record) {
  const needs = manifest.course.requirements;
  const missing = [];
  if (needs.modules) {
    for (const module of manifest.modules) {
      if (moduleProgress(module).state !== "done") missing.push({ text: `Complete the knowledge check of "${module.title}"`, url: module.url });
    }
  }
  if (needs.post_test && manifest.post_test && !passedAttempt(record)) {
    missing.push({ text: `Pass the post-test (${manifest.course.pass_mark}% or more)`, url: manifest.post_test.url });
  }
  if (needs.evaluation && manifest.evaluation && !record.evaluation) {
    missing.push({ text: "Complete the course evaluation", url: manifest.evaluation.url });
  }
  return missing;
}

/** Everything this browser holds for the course, as a file the learner can keep or move. */
export function exportProgress(manifest) {
  const quizzes = {};
  for (const page of manifest.modules) quizzes[page.url] = readJson(quizKey(page.url)) || {};
  return { format: EXPORT_FORMAT, courseId: manifest.course.id, courseVersion: manifest.course.version,
           exportedAt: new Date().toISOString(), record: loadRecord(manifest), quizzes };
}

/** Check an imported file completely before changing anything; returns an error message or null. */
export function importProgress(manifest, data) {
  if (!data || typeof data !== "object" || data.format !== EXPORT_FORMAT) {
    return "This file is not a progress file exported from this course.";
  }
  if (data.courseId !== manifest.course.id) {
    return `This progress file belongs to another course ("${String(data.courseId)}"), so nothing was changed.`;
  }
  const record = data.record;
  if (!record || record.schema !== RECORD_SCHEMA || record.courseId !== manifest.course.id ||
      !record.postTest || !Array.isArray(record.postTest.attempts) || typeof data.quizzes !== "object" || !data.quizzes) {
    return "This progress file is damaged or incomplete, so nothing was changed.";
  }
  const known = new Map(manifest.modules.map((m) => [m.url, new Set(m.quizzes)]));
  const pages = [];
  for (const [url, answers] of Object.entries(data.quizzes)) {
    if (!known.has(url)) continue; // a module removed since the export
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) return "This progress file is damaged or incomplete, so nothing was changed.";
    const kept = Object.fromEntries(Object.entries(answers).filter(([id, a]) =>
      known.get(url).has(id) && a && typeof a.answered === "boolean" && typeof a.correct === "boolean"));
    pages.push([url, kept]);
  }
  saveRecord(manifest, record);
  for (const [url, kept] of pages) window.localStorage.setItem(quizKey(url), JSON.stringify(kept));
  return null;
}

/** Forget everything this browser holds for the course. */
export function startOver(manifest) {
  window.localStorage.removeItem(recordKey(manifest));
  for (const page of manifest.modules) window.localStorage.removeItem(quizKey(page.url));
}

/** A link target relative to the current page, for manifest URLs. */
export function href(relative) {
  return pageUrl(relative).href;
}

/** Replace a node's children, skipping the null/false placeholders of optional parts. */
export function fill(node, ...children) {
  node.replaceChildren(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** Create an element with text content only: learner input is never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
