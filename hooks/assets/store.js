// The course manifest and what this browser keeps for the course. Everything
// the learner does outside the knowledge checks lives in one localStorage entry
// per course (its shape: record.js); knowledge-check answers stay where
// mkdocs-quiz keeps them (one entry per page) and are read through the
// manifest, counting only quiz ids that the current build still has.
// The rules themselves are pure modules: record.js, requirements.js,
// progress-file.js, grade.js.

import { checkRecord, isObject, recordForStorage } from "./record.js";
import { certificateRequirements, courseSteps, knowledgeCheckState } from "./requirements.js";
import { EXPORT_FORMAT, cleanQuizAnswers } from "./progress-file.js";
import { samePosition } from "./position.js";

export { bestAttempt, passedAttempt } from "./record.js";

export const SITE_ROOT = new URL("../../../", import.meta.url); // assets/course/<hash>/store.js

let manifestPromise = null;
let quizStoragePrefix = null; // mkdocs-quiz's key prefix, from the manifest (the builder's quiz adapter knows it)

/** The build-time manifest: the only source of course facts. */
export function loadManifest() {
  manifestPromise ??= fetch(new URL("course-manifest.json", SITE_ROOT)).then(async (response) => {
    if (!response.ok) throw new Error(`course manifest: HTTP ${response.status}`);
    const manifest = await response.json();
    quizStoragePrefix = manifest.quiz_storage_prefix;
    migrateRecord(browserStorage(), manifest.course.id, SITE_ROOT.pathname);
    return manifest;
  });
  return manifestPromise;
}

export function pageUrl(relative) {
  return new URL(relative, SITE_ROOT);
}

/** A link target relative to the current page, for manifest URLs. */
export function href(relative) {
  return pageUrl(relative).href;
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

/**
 * Where the learner's record of a course is kept: one entry per course id AND site
 * (the path of the site's root), so two courses on one origin that share an id (every
 * fork starts with the sample's) never share a record. Pure: unit-tested in tests/js.
 */
export function recordKeyFor(courseId, sitePath) {
  return `ce_course_${courseId}@${sitePath}`;
}

/** The key of earlier builds: the course id alone, shared by every site of the origin. */
export function legacyRecordKey(courseId) {
  return `ce_course_${courseId}`;
}

function recordKey(manifest) {
  return recordKeyFor(manifest.course.id, SITE_ROOT.pathname);
}

function browserStorage() {
  try {
    return window.localStorage; // reading it throws where the browser blocks storage
  } catch (error) {
    return null;
  }
}

/**
 * Keep a learner's progress from a build that used the legacy key: when this site has
 * no record yet and the legacy entry is a record of this course, copy it to this site's
 * key, read it back, then remove the legacy entry. A failure at any step leaves the
 * legacy entry in place, so nothing is ever lost. Returns whether the record was moved.
 */
export function migrateRecord(storage, courseId, sitePath) {
  if (!storage) return false;
  const target = recordKeyFor(courseId, sitePath);
  const legacy = legacyRecordKey(courseId);
  try {
    if (storage.getItem(target) !== null) return false;
    const text = storage.getItem(legacy);
    if (text === null || !isRecordOf(text, courseId)) return false;
    storage.setItem(target, text);
    if (storage.getItem(target) !== text) return false;
    storage.removeItem(legacy);
    return true;
  } catch (error) {
    return false;
  }
}

function isRecordOf(text, courseId) {
  try {
    const data = JSON.parse(text);
    return isObject(data) && data.courseId === courseId;
  } catch (error) {
    return false;
  }
}

function quizKey(relativeUrl) {
  if (!quizStoragePrefix) throw new Error("course manifest not loaded");
  return quizStoragePrefix + pageUrl(relativeUrl).pathname;
}

function readJson(key) {
  try {
    const text = window.localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch (error) {
    return null;
  }
}

// ---------------------------------------------------------------- the record

/**
 * The learner's record, always well formed: damaged parts of what is stored
 * fall back to their defaults (record.js). `record.damaged` (not stored) lists
 * the parts that were damaged, so a page can say so.
 */
export function loadRecord(manifest) {
  const stored = readJson(recordKey(manifest));
  const { record, problems } = checkRecord(manifest, stored);
  const damaged = stored === null ? [] : [...new Set(problems.map((p) => p.part))];
  Object.defineProperty(record, "damaged", { value: damaged, enumerable: false });
  return record;
}

/** Save the whole record; throws when storage is unavailable so callers can tell the learner. */
export function saveRecord(manifest, record) {
  window.localStorage.setItem(recordKey(manifest), JSON.stringify(recordForStorage(record)));
}

/**
 * Keep where the learner is reading (position.js: {url, section, heading}) in the record.
 * Reads the record afresh, so that nothing another widget saved is lost; writes nothing when
 * the position is already kept or the record is damaged (the page reports that). Returns
 * false when the position could not be kept (storage blocked or full).
 */
export function savePosition(manifest, position) {
  try {
    const record = loadRecord(manifest);
    if (record.damaged.some((part) => part !== "position")) return false;
    if (samePosition(record.position, position)) return true;
    record.position = position;
    saveRecord(manifest, record);
    return true;
  } catch (error) {
    return false;
  }
}

// ---------------------------------------------------------------- knowledge checks and requirements

/** Knowledge-check state of one module: counts only questions of the current build. */
export function moduleProgress(module) {
  return knowledgeCheckState(module, readJson(quizKey(module.url)));
}

/**
 * Note when this page's knowledge check gets completed (record.modules[slug].completedAt), for the
 * completion record: mkdocs-quiz keeps no times. Only the moment a check goes from incomplete to
 * complete on its page is noted, once; loading a page writes nothing. Called by progress.js.
 */
export function watchKnowledgeCheck(manifest, module, target = window) {
  let done = moduleProgress(module).state === "done";
  target.addEventListener("quizProgressUpdate", () => {
    const now = moduleProgress(module).state === "done";
    if (now && !done) stampModuleCheck(manifest, module);
    done = now;
  });
}

function stampModuleCheck(manifest, module, now = new Date()) {
  try {
    const record = loadRecord(manifest);
    if (record.damaged.length || record.modules?.[module.slug]) return; // a damaged record is the page's to report
    record.modules = { ...(record.modules || {}), [module.slug]: { completedAt: now.toISOString() } };
    saveRecord(manifest, record);
  } catch (error) {
    // storage blocked: every page already says so
  }
}

export function moduleStates(manifest) {
  return Object.fromEntries(manifest.modules.map((module) => [module.url, moduleProgress(module)]));
}

/** The course's steps in order, each required or optional, done or not (requirements.js). */
export function steps(manifest, record) {
  return courseSteps(manifest, record, moduleStates(manifest));
}

/** The certificate's requirements: {items, optional, missing} (requirements.js). */
export function requirements(manifest, record) {
  return certificateRequirements(manifest, record, moduleStates(manifest));
}

/** Which certificate requirements are still missing, as readable sentences with links. */
export function missingRequirements(manifest, record) {
  return requirements(manifest, record).missing;
}

// ---------------------------------------------------------------- export, import, start over

/** Everything this browser holds for the course, as a file the learner can keep or move. */
export function exportProgress(manifest) {
  const quizzes = {};
  for (const module of manifest.modules) quizzes[module.url] = cleanQuizAnswers(module, readJson(quizKey(module.url)));
  return { format: EXPORT_FORMAT, courseId: manifest.course.id, courseVersion: manifest.course.version,
           exportedAt: new Date().toISOString(), record: recordForStorage(loadRecord(manifest)), quizzes };
}

/**
 * Write a checked progress file ({record, quizzes} from progress-file.js's
 * validateProgressFile), replacing what this browser holds for the course.
 * All or nothing: when storage fails part-way, what was there is put back and
 * the error is thrown for the caller to report.
 */
export function writeProgress(manifest, { record, quizzes }) {
  const writes = [[recordKey(manifest), JSON.stringify(recordForStorage(record))]];
  for (const module of manifest.modules) {
    const answers = quizzes[module.url] || {};
    writes.push([quizKey(module.url), Object.keys(answers).length ? JSON.stringify(answers) : null]);
  }
  replaceAll(writes);
}

/** Forget everything this browser holds for the course; throws when storage is blocked. */
export function startOver(manifest) {
  replaceAll([[recordKey(manifest), null], ...manifest.modules.map((module) => [quizKey(module.url), null])]);
}

/** Set (or, for null, remove) each key; on failure restore the previous values and rethrow. */
function replaceAll(writes) {
  const storage = window.localStorage; // throws when storage is blocked: nothing is changed
  const before = writes.map(([key]) => [key, storage.getItem(key)]);
  try {
    for (const [key, value] of writes) {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, value);
    }
  } catch (error) {
    for (const [key, value] of before) {
      try {
        if (value === null) storage.removeItem(key);
        else storage.setItem(key, value);
      } catch (ignored) {
        // best effort: the error below tells the learner
      }
    }
    throw error;
  }
}
