// What an LMS is told (hooks/lms-assets/report.js, scorm-data.js, cmi5-statements.js):
// completion from requirements.js, passing from grade.js's stored decision, scores that
// never round up past the mastery score, SCORM's formats, and cmi5's statement rules.
import assert from "node:assert/strict";
import { test } from "node:test";

import { bestAttempt, passedAttempt } from "../../hooks/assets/record.js";
import { certificateRequirements, knowledgeCheckState } from "../../hooks/assets/requirements.js";
import { CATEGORY_CMI5, CATEGORY_MOVEON, MASTERY_EXTENSION, VERBS, dueVerbs, judge, statement } from "../../hooks/lms-assets/cmi5-statements.js";
import { courseReport, scoreOf } from "../../hooks/lms-assets/report.js";
import { courseLocation, decimal, displayName, isoDuration, scorm12Values, scorm2004Values, timespan12 } from "../../hooks/lms-assets/scorm-data.js";
import { FAILING, PASSING, makeManifest, makeRecord } from "./fixtures.mjs";

const manifest = makeManifest();
const allDone = Object.fromEntries(manifest.modules.map((m) => [m.url, knowledgeCheckState(m,
  Object.fromEntries(m.quizzes.map((id) => [id, { answered: true, correct: true }])))]));

function report(record, states = allDone, course = manifest) {
  return courseReport({ requirements: certificateRequirements(course, record, states), hasPostTest: Boolean(course.post_test),
                        attempts: record.postTest.attempts, passed: passedAttempt(record), best: bestAttempt(record) });
}

function withAttempts(attempts, changes = {}) {
  return { ...makeRecord(), ...changes, postTest: { attempts } };
}

test("everything done and passed: completed, passed, the passed attempt's score", () => {
  const r = report(makeRecord());
  assert.deepEqual({ ...r, attempt: undefined }, { completed: true, progress: 1, success: "passed", attempt: undefined,
                                                   score: { raw: 100, min: 0, max: 100, scaled: 1 } });
  assert.deepEqual(scorm12Values(r, { postTestRequired: true }), {
    "cmi.core.lesson_status": "passed", "cmi.core.score.min": "0", "cmi.core.score.max": "100", "cmi.core.score.raw": "100" });
  assert.deepEqual(scorm2004Values(r), {
    "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.progress_measure": "1",
    "cmi.score.scaled": "1", "cmi.score.min": "0", "cmi.score.max": "100", "cmi.score.raw": "100" });
});

test("a failed post-test: failed in SCORM 1.2, success failed in 2004, the best score", () => {
  const r = report(withAttempts([FAILING]));
  assert.equal(r.success, "failed");
  assert.equal(r.completed, false);
  assert.deepEqual(r.score, { raw: 33.33, min: 0, max: 100, scaled: 0.3333 });
  assert.equal(scorm12Values(r, { postTestRequired: true })["cmi.core.lesson_status"], "failed");
  assert.equal(scorm12Values(r, { postTestRequired: false })["cmi.core.lesson_status"], "incomplete",
    "an optional post-test failed is no failure of the course");
  assert.equal(scorm2004Values(r)["cmi.success_status"], "failed");
});

test("passed but a step missing: incomplete, with the score", () => {
  const r = report(withAttempts([FAILING, PASSING], { evaluation: null }));
  assert.equal(r.completed, false);
  assert.equal(r.success, "passed");
  assert.equal(r.progress, 3 / 4);
  assert.equal(scorm12Values(r, { postTestRequired: true })["cmi.core.lesson_status"], "incomplete");
  assert.equal(scorm2004Values(r)["cmi.progress_measure"], "0.75");
});

test("nothing yet: incomplete and unknown, no score", () => {
  const r = report(withAttempts([], { evaluation: null }), {});
  assert.deepEqual([r.completed, r.success, r.score, r.progress], [false, "unknown", null, 0]);
  assert.deepEqual(scorm12Values(r, { postTestRequired: true }), { "cmi.core.lesson_status": "incomplete" });
});

test("a course without a post-test: completed, no success, no score", () => {
  const course = makeManifest({ postTest: false });
  const r = report(withAttempts([]), allDone, course);
  assert.deepEqual([r.completed, r.success, r.score], [true, "unknown", null]);
  assert.equal(scorm12Values(r, { postTestRequired: false })["cmi.core.lesson_status"], "completed");
});

test("a score is truncated, never rounded up to the mastery score (35 of 44 is not 80 %)", () => {
  assert.deepEqual(scoreOf({ correct: 35, total: 44 }), { raw: 79.54, min: 0, max: 100, scaled: 0.7954 });
  assert.deepEqual(scoreOf({ correct: 8, total: 10 }), { raw: 80, min: 0, max: 100, scaled: 0.8 });
  assert.deepEqual(scoreOf({ correct: 2, total: 3 }), { raw: 66.66, min: 0, max: 100, scaled: 0.6666 });
  for (let total = 1; total <= 60; total += 1) {
    for (let correct = 0; correct <= total; correct += 1) {
      const { raw } = scoreOf({ correct, total });
      assert.equal(raw >= 80, correct * 100 >= 80 * total, `${correct}/${total}`);
    }
  }
});

test("SCORM formats: decimals, 1.2 timespans, ISO durations", () => {
  assert.deepEqual([decimal(0), decimal(1), decimal(0.5), decimal(2 / 3), decimal(79.54), decimal(1e-7)],
                   ["0", "1", "0.5", "0.6666", "79.54", "0"]);
  assert.equal(timespan12(0), "00:00:00.00");
  assert.equal(timespan12(3_723_450), "01:02:03.45");
  assert.equal(timespan12(100 * 3_600_000), "100:00:00.00");
  assert.equal(isoDuration(0), "PT0S");
  assert.equal(isoDuration(3_723_450), "PT1H2M3.45S");
  assert.equal(isoDuration(120_000), "PT2M");
});

test("the LMS's name for the learner, as a certificate shows it", () => {
  assert.equal(displayName("Doe, Jane"), "Jane Doe");
  assert.equal(displayName("  Zoë   Brontë "), "Zoë Brontë");
  assert.equal(displayName("Smith, Jr., John"), "Smith, Jr., John", "not the one 'Last, First' form: left as given");
  assert.equal(displayName("Jane\u0000Doe"), "Jane Doe");
  assert.equal(displayName(""), null);
  assert.equal(displayName(undefined), null);
});

test("a location is a page of the course or nothing", () => {
  for (const ok of ["index.html", "modules/backdraft.html", "post-test.html#results", ""]) assert.equal(courseLocation(ok), ok);
  for (const bad of ["../secret.html", "https://evil.example/", "//evil.example/x", "/abs.html", "a/./b.html", "javascript:alert(1)",
                     "modules/x.html?x=1", "x".repeat(300), 42, null]) {
    assert.equal(courseLocation(bad), null, String(bad));
  }
});

// ---------------------------------------------------------------- cmi5

const launch = {
  actor: { objectType: "Agent", account: { homePage: "https://lms.example.org", name: "jdoe" } },
  activityId: "urn:uuid:au", registration: "reg-1", masteryScore: 0.7,
  contextTemplate: { contextActivities: { grouping: [{ id: "urn:uuid:au" }] }, extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s1" } },
};

test("passed or failed by the LMS's masteryScore when it gives one, else by the course's decision", () => {
  const seven = { correct: 7, total: 10, passed: false };
  const six = { correct: 6, total: 10, passed: false };
  assert.deepEqual(judge([six, seven], 0.7), { passed: seven, failed: null });
  assert.deepEqual(judge([six], 0.7), { passed: null, failed: six });
  assert.deepEqual(judge([six, seven], null), { passed: null, failed: seven });
  assert.deepEqual(judge([FAILING, PASSING], null), { passed: PASSING, failed: null });
  assert.deepEqual(judge([], 0.7), { passed: null, failed: null });
});

test("cmi5's order: passed at once, failed only at the session's end, each at most once", () => {
  const none = new Set(["initialized"]);
  assert.deepEqual(dueVerbs({ completed: false, passed: PASSING, ending: false, failedInSession: null }, {}, none, "Normal"), ["passed"]);
  assert.deepEqual(dueVerbs({ completed: false, passed: null, ending: false, failedInSession: FAILING }, {}, none, "Normal"), [],
    "a failure is told when the session ends: the learner may still pass in this session");
  assert.deepEqual(dueVerbs({ completed: false, passed: null, ending: true, failedInSession: FAILING }, {}, none, "Normal"), ["failed"]);
  assert.deepEqual(dueVerbs({ completed: true, passed: PASSING, ending: true, failedInSession: null }, { passed: true }, none, "Normal"),
    ["completed"], "passed once per registration");
  assert.deepEqual(dueVerbs({ completed: true, passed: null, ending: true, failedInSession: FAILING },
    { passed: true, completed: true }, none, "Normal"), [], "no failed after passed, completed once");
  assert.deepEqual(dueVerbs({ completed: false, passed: PASSING, ending: true, failedInSession: null }, {},
    new Set(["initialized", "failed"]), "Normal"), [], "one of passed/failed per session");
  assert.deepEqual(dueVerbs({ completed: true, passed: PASSING, ending: true, failedInSession: null }, {}, none, "Review"), [],
    "nothing judged in Review or Browse");
});

test("a cmi5 statement: the LMS's context template, registration, categories, score and mastery", () => {
  const passed = statement(launch, "passed", { id: "id-1", timestamp: "2025-03-10T10:00:00.000Z", durationText: "PT1M", attempt: PASSING });
  assert.equal(passed.verb.id, VERBS.passed);
  assert.deepEqual(passed.object, { id: "urn:uuid:au", objectType: "Activity" });
  assert.equal(passed.context.registration, "reg-1");
  assert.deepEqual(passed.context.contextActivities.grouping, [{ id: "urn:uuid:au" }]);
  assert.deepEqual(passed.context.contextActivities.category.map((a) => a.id), [CATEGORY_CMI5, CATEGORY_MOVEON]);
  assert.equal(passed.context.extensions[MASTERY_EXTENSION], 0.7);
  assert.equal(passed.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"], "s1");
  assert.deepEqual(passed.result, { duration: "PT1M", success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } });

  const initialized = statement(launch, "initialized", { id: "id-0", timestamp: "t", durationText: "PT0S" });
  assert.equal(initialized.result, undefined);
  assert.deepEqual(initialized.context.contextActivities.category.map((a) => a.id), [CATEGORY_CMI5]);
  assert.equal(initialized.context.extensions[MASTERY_EXTENSION], undefined);
  const completed = statement(launch, "completed", { id: "id-2", timestamp: "t", durationText: "PT2M" });
  assert.deepEqual(completed.result, { duration: "PT2M", completion: true });
  const terminated = statement(launch, "terminated", { id: "id-3", timestamp: "t", durationText: "PT3M" });
  assert.deepEqual(terminated.result, { duration: "PT3M" });
  assert.ok(!terminated.context.contextActivities.category.some((a) => a.id === CATEGORY_MOVEON));
  assert.deepEqual(launch.contextTemplate.contextActivities.category, undefined, "the LMS's template is never changed");
});
