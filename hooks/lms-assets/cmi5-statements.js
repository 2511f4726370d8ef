// cmi5 statements of the course's one assignable unit (AU): pure, so the rules
// the cmi5 specification sets for an AU can be read and tested in one place.
// cmi5.js does the talking (fetch URL, LMS.LaunchData, the LRS).
//
// Rules kept here (cmi5 section 9.3): within a session no verb twice and only one
// of passed/failed; per registration at most one "completed" and one "passed", and
// no "failed" after "passed"; "initialized" first, "terminated" last; passed or
// failed judged by the LMS's masteryScore when it gives one.

import { scoreOf } from "./report.js";

export const VERBS = {
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
};
export const CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
export const CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
export const MASTERY_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

/**
 * Passed or failed, by the LMS's masteryScore when it gives one (cmi5 requires it), else
 * by the course's own decision stored with each attempt (grade.js). Exact integer
 * arithmetic, as grade.js: correct / total >= masteryScore.
 * @returns {{passed: object | null, failed: object | null}}  the attempt that passed (the
 *   first), or else the last attempt that failed, among `attempts`.
 */
export function judge(attempts, masteryScore) {
  const mastery = typeof masteryScore === "number" ? Math.round(masteryScore * 10000) : null;
  const passes = (a) => (mastery === null ? a.passed === true : a.correct * 10000 >= mastery * a.total);
  const passed = attempts.find(passes) || null;
  const failed = passed ? null : attempts[attempts.length - 1] || null;
  return { passed, failed };
}

/**
 * The verbs to send now (in this order), besides "initialized" and "terminated".
 * @param {object} now
 * @param {boolean} now.completed      nothing is missing for the certificate (report.js)
 * @param {object | null} now.passed   judge(...).passed over all attempts
 * @param {boolean} now.ending         the session is ending: a failure of this session is told now
 * @param {object | null} now.failedInSession  judge(...).failed over this session's attempts
 * @param {{completed?: boolean, passed?: boolean}} registration  what earlier sessions sent
 * @param {Set<string>} session        verbs already sent in this session
 * @param {string} launchMode          LMS.LaunchData launchMode: only "Normal" judges
 */
export function dueVerbs({ completed, passed, ending, failedInSession }, registration, session, launchMode) {
  if (launchMode !== "Normal") return [];
  const due = [];
  const judged = session.has("passed") || session.has("failed");
  if (passed && !registration.passed && !judged) due.push("passed");
  else if (ending && failedInSession && !passed && !registration.passed && !judged) due.push("failed");
  if (completed && !registration.completed && !session.has("completed")) due.push("completed");
  return due;
}

/**
 * One cmi5 defined statement.
 * @param {object} launch  {actor, activityId, registration, contextTemplate, masteryScore}
 * @param {string} verb    a key of VERBS
 * @param {object} facts   {id, timestamp, durationText, attempt (passed/failed)}
 */
export function statement(launch, verb, { id, timestamp, durationText, attempt = null }) {
  const template = structuredClone(launch.contextTemplate || {});
  const judged = verb === "passed" || verb === "failed";
  const moveOn = judged || verb === "completed";
  const activities = template.contextActivities || {};
  const categories = (activities.category || []).filter((a) => a && a.id !== CATEGORY_CMI5 && a.id !== CATEGORY_MOVEON);
  categories.push({ id: CATEGORY_CMI5, objectType: "Activity" });
  if (moveOn) categories.push({ id: CATEGORY_MOVEON, objectType: "Activity" });
  const context = { ...template, registration: launch.registration,
                    contextActivities: { ...activities, category: categories } };
  if (judged && typeof launch.masteryScore === "number") {
    context.extensions = { ...(template.extensions || {}), [MASTERY_EXTENSION]: launch.masteryScore };
  }
  const result = { duration: durationText };
  if (verb === "completed") result.completion = true;
  if (judged) {
    const score = scoreOf(attempt);
    result.success = verb === "passed";
    result.score = { scaled: score.scaled, raw: score.raw, min: score.min, max: score.max };
  }
  const made = {
    id,
    timestamp,
    actor: launch.actor,
    verb: { id: VERBS[verb], display: { "en-US": verb } },
    object: { id: launch.activityId, objectType: "Activity" },
    context,
  };
  if (verb !== "initialized") made.result = result;
  return made;
}
