// next-action.js: the course home's one next action (Start, Continue at the page and section
// last read, Get / View your certificate, Review) and step names without doubled labels.
import assert from "node:assert/strict";
import { test } from "node:test";

import { courseTranslator } from "../../hooks/assets/i18n.js";
import { actionHref, nextAction, stepName, stepState } from "../../hooks/assets/next-action.js";
import { courseSteps, knowledgeCheckState } from "../../hooks/assets/requirements.js";
import { FAILING, MODULE_A, MODULE_B, PASSING, makeCertificate, makeManifest } from "./fixtures.mjs";

const answered = (module, count) => knowledgeCheckState(module,
  Object.fromEntries(module.quizzes.slice(0, count).map((id) => [id, { answered: true, correct: true }])));
const EMPTY = () => ({ postTest: { attempts: [] }, evaluation: null, certificate: null });

function action(record, states = {}, options = {}) {
  const manifest = makeManifest(options);
  return nextAction(courseSteps(manifest, record, states), record);
}

test("a learner who has done nothing starts at the first step", () => {
  const next = action(EMPTY());
  assert.equal(next.kind, "start");
  assert.equal(next.url, MODULE_A.url);
  assert.equal(next.section, null);
});

test("continue opens the page and section last read while its step is not done", () => {
  const record = { ...EMPTY(), position: { url: MODULE_B.url, section: "tying-it", heading: "Tying it" } };
  const next = action(record, { [MODULE_A.url]: answered(MODULE_A, 1) });
  assert.deepEqual([next.kind, next.url, next.section, next.heading], ["continue", MODULE_B.url, "tying-it", "Tying it"]);
  assert.equal(actionHref(next, (url) => `https://example.org/${url}`), "https://example.org/lessons/bowline/#tying-it");
});

test("a position alone (a page read, nothing answered) is already a beginning", () => {
  const next = action({ ...EMPTY(), position: { url: MODULE_A.url, section: null, heading: null } });
  assert.deepEqual([next.kind, next.url, next.section], ["continue", MODULE_A.url, null]);
});

test("once the page last read is done, continue goes to the next step not done after it, then from the top", () => {
  const doneA = { [MODULE_A.url]: answered(MODULE_A, 3) };
  let next = action({ ...EMPTY(), position: { url: MODULE_A.url, section: "end", heading: "End" } }, doneA);
  assert.deepEqual([next.kind, next.url, next.section], ["continue", MODULE_B.url, null]);
  // The post-test page read and passed, module B still open: the evaluation comes next, then back to module B.
  const passed = { ...EMPTY(), postTest: { attempts: [PASSING] }, position: { url: "final/", section: null, heading: null } };
  next = action(passed, doneA);
  assert.deepEqual([next.kind, next.url], ["continue", "feedback/"]);
  next = action({ ...passed, evaluation: { submittedAt: PASSING.at } }, doneA);
  assert.deepEqual([next.kind, next.url], ["continue", MODULE_B.url]);
});

test("without a position, progress continues at the first step not done", () => {
  const next = action({ ...EMPTY(), postTest: { attempts: [FAILING] } });
  assert.deepEqual([next.kind, next.url], ["continue", MODULE_A.url]);
});

test("a position on a page of another build is ignored", () => {
  const next = action({ ...EMPTY(), position: { url: "gone/", section: "x", heading: "X" } }, { [MODULE_A.url]: answered(MODULE_A, 1) });
  assert.deepEqual([next.kind, next.url, next.section], ["continue", MODULE_A.url, null]);
});

const ALL_DONE = { [MODULE_A.url]: answered(MODULE_A, 3), [MODULE_B.url]: answered(MODULE_B, 1) };
const FINISHED = () => ({ ...EMPTY(), postTest: { attempts: [PASSING] }, evaluation: { submittedAt: PASSING.at } });

test("every required step done: get the certificate; once issued: view it", () => {
  assert.equal(action(FINISHED(), ALL_DONE).kind, "certificate");
  assert.equal(action(FINISHED(), ALL_DONE).url, "certificate/");
  assert.equal(action({ ...FINISHED(), certificate: makeCertificate() }, ALL_DONE).kind, "view-certificate");
  // An optional step left open does not hold the certificate back.
  const optionalEvaluation = action({ ...FINISHED(), evaluation: null }, ALL_DONE, { requirements: { evaluation: false } });
  assert.equal(optionalEvaluation.kind, "certificate");
  // A required one does.
  assert.equal(action({ ...FINISHED(), evaluation: null }, ALL_DONE).kind, "continue");
});

test("a course without a certificate page: review once everything is done", () => {
  const next = action(FINISHED(), ALL_DONE, { certificate: false });
  assert.deepEqual([next.kind, next.url], ["review", MODULE_A.url]);
});

test("a step is named once when its title already says what its label says", () => {
  const { t } = courseTranslator(makeManifest());
  assert.equal(stepName({ label: "Post-test", title: "Post-test" }, t), "Post-test");
  assert.equal(stepName({ label: "Certificate", title: "Certificate" }, t), "Certificate");
  assert.equal(stepName({ label: "Evaluation", title: "Course evaluation" }, t), "Course evaluation");
  assert.equal(stepName({ label: "Module 2 of 6", title: "The evidence" }, t), "Module 2 of 6: The evidence");
  assert.equal(stepName({ label: "Evaluation", title: "Evaluations of knots" }, t), "Evaluation: Evaluations of knots");
  const steps = courseSteps(makeManifest(), EMPTY(), {});
  for (const step of steps) assert.doesNotMatch(stepName(step, t), /^(.+): \1$/, step.url);
});

test("step states for the status marks", () => {
  const steps = courseSteps(makeManifest(), { ...EMPTY(), postTest: { attempts: [FAILING] } }, { [MODULE_A.url]: answered(MODULE_A, 1), [MODULE_B.url]: answered(MODULE_B, 1) });
  const record = { postTest: { attempts: [FAILING] } };
  assert.deepEqual(steps.map((step) => stepState(step, record)), ["in-progress", "done", "in-progress", "todo", "todo"]);
});
