// requirements.js: the one definition of the course steps and of what the
// certificate needs, for every combination of the organizer's requirement flags.
import assert from "node:assert/strict";
import { test } from "node:test";

import { certificateRequirements, courseSteps, knowledgeCheckState } from "../../hooks/assets/requirements.js";
import { FAILING, MODULE_A, MODULE_B, PASSING, makeCertificate, makeManifest } from "./fixtures.mjs";

const FLAGS = [false, true];
const COMBINATIONS = FLAGS.flatMap((modules) => FLAGS.flatMap((post_test) => FLAGS.map((evaluation) => ({ modules, post_test, evaluation }))));

function done(module) {
  return knowledgeCheckState(module, Object.fromEntries(module.quizzes.map((id) => [id, { answered: true, correct: true }])));
}
const ALL_MODULES_DONE = { [MODULE_A.url]: done(MODULE_A), [MODULE_B.url]: done(MODULE_B) };
const EMPTY_RECORD = { postTest: { attempts: [] }, evaluation: null, certificate: null };
const FULL_RECORD = { postTest: { attempts: [FAILING, PASSING] }, evaluation: { submittedAt: "2025-03-10T14:20:00.000Z" }, certificate: null };

const TODO = {
  [MODULE_A.url]: 'Complete the knowledge check of "The reef knot"',
  [MODULE_B.url]: 'Complete the knowledge check of "The bowline"',
  "final/": "Pass the post-test (70% or more)",
  "feedback/": "Complete the course evaluation",
};

test("nothing done: exactly the required steps are missing, the others are optional", () => {
  for (const flags of COMBINATIONS) {
    const manifest = makeManifest({ requirements: flags });
    const { items, optional, missing } = certificateRequirements(manifest, EMPTY_RECORD, {});
    const wanted = [
      ...(flags.modules ? [MODULE_A.url, MODULE_B.url] : []),
      ...(flags.post_test ? ["final/"] : []),
      ...(flags.evaluation ? ["feedback/"] : []),
    ];
    const label = JSON.stringify(flags);
    assert.deepEqual(missing, wanted.map((url) => ({ text: TODO[url], url })), label);
    assert.deepEqual(items.map((item) => item.url), wanted, label);
    assert.deepEqual(optional.map((item) => item.url).sort(), Object.keys(TODO).filter((url) => !wanted.includes(url)).sort(), label);
    assert.ok(optional.every((item) => !item.done), label);
  }
});

test("everything done: nothing is missing, whatever the flags", () => {
  for (const flags of COMBINATIONS) {
    const manifest = makeManifest({ requirements: flags });
    const { items, optional, missing } = certificateRequirements(manifest, FULL_RECORD, ALL_MODULES_DONE);
    assert.deepEqual(missing, [], JSON.stringify(flags));
    assert.ok([...items, ...optional].every((item) => item.done), JSON.stringify(flags));
    assert.equal(items.length + optional.length, 4);
  }
});

test("an optional step left undone never blocks the certificate", () => {
  for (const flags of COMBINATIONS) {
    const manifest = makeManifest({ requirements: flags });
    // Only the required steps are done.
    const record = { postTest: { attempts: flags.post_test ? [PASSING] : [FAILING] },
                     evaluation: flags.evaluation ? { submittedAt: "2025-03-10T14:20:00.000Z" } : null, certificate: null };
    const states = flags.modules ? ALL_MODULES_DONE : {};
    assert.deepEqual(certificateRequirements(manifest, record, states).missing, [], JSON.stringify(flags));
  }
});

test("one required step undone blocks the certificate, and says what to do", () => {
  const manifest = makeManifest();
  const partly = { ...ALL_MODULES_DONE, [MODULE_B.url]: knowledgeCheckState(MODULE_B, {}) };
  assert.deepEqual(certificateRequirements(manifest, FULL_RECORD, partly).missing, [{ text: TODO[MODULE_B.url], url: MODULE_B.url }]);
  const failedOnly = { ...FULL_RECORD, postTest: { attempts: [FAILING] } };
  assert.deepEqual(certificateRequirements(manifest, failedOnly, ALL_MODULES_DONE).missing, [{ text: TODO["final/"], url: "final/" }]);
  const noEvaluation = { ...FULL_RECORD, evaluation: null };
  assert.deepEqual(certificateRequirements(manifest, noEvaluation, ALL_MODULES_DONE).missing, [{ text: TODO["feedback/"], url: "feedback/" }]);
});

test("a required step whose page the course does not have is neither a step nor a requirement", () => {
  const manifest = makeManifest({ postTest: false, evaluation: false });
  const steps = courseSteps(manifest, EMPTY_RECORD, {});
  assert.deepEqual(steps.map((s) => s.kind), ["module", "module", "certificate"]);
  const { items, optional, missing } = certificateRequirements(manifest, EMPTY_RECORD, ALL_MODULES_DONE);
  assert.deepEqual([items.length, optional.length, missing.length], [2, 0, 0]);
});

test("steps come in course order with their labels and done texts", () => {
  const manifest = makeManifest({ requirements: { evaluation: false } });
  const steps = courseSteps(manifest, { ...FULL_RECORD, certificate: makeCertificate() }, ALL_MODULES_DONE);
  assert.deepEqual(steps.map((s) => [s.kind, s.label, s.required, s.done, s.text]), [
    ["module", "Module 1 of 2", true, true, 'Knowledge check of "The reef knot" complete'],
    ["module", "Module 2 of 2", true, true, 'Knowledge check of "The bowline" complete'],
    ["post-test", "Post-test", true, true, "Post-test passed (score 100%)"],
    ["evaluation", "Evaluation", false, true, "Course evaluation submitted"],
    ["certificate", "Certificate", false, true, "Certificate issued"],
  ]);
  assert.equal(steps[0].progress.state, "done");
  assert.equal(steps[0].module, manifest.modules[0]);
});

test("missing module states count as not started", () => {
  const steps = courseSteps(makeManifest(), EMPTY_RECORD);
  assert.deepEqual(steps.filter((s) => s.kind === "module").map((s) => s.progress.state), ["not-started", "not-started"]);
});

test("flags absent from the manifest default to required", () => {
  const manifest = makeManifest();
  delete manifest.course.requirements;
  assert.equal(certificateRequirements(manifest, EMPTY_RECORD, {}).missing.length, 4);
});

test("knowledge-check state counts only this build's quiz ids and real answers", () => {
  const [first, second, third] = MODULE_A.quizzes;
  assert.deepEqual(knowledgeCheckState(MODULE_A, null), { total: 3, answered: 0, correct: 0, state: "not-started", score: 0 });
  const partly = knowledgeCheckState(MODULE_A, {
    [first]: { answered: true, correct: true },
    [second]: { answered: "true", correct: true }, // not a boolean: not an answer
    "reef--removed--0000000000": { answered: true, correct: true }, // a question no longer in the build
  });
  assert.deepEqual(partly, { total: 3, answered: 1, correct: 1, state: "in-progress", score: 33 });
  const whole = knowledgeCheckState(MODULE_A, {
    [first]: { answered: true, correct: true }, [second]: { answered: true, correct: false }, [third]: { answered: true, correct: true },
  });
  assert.deepEqual(whole, { total: 3, answered: 3, correct: 2, state: "done", score: 67 });
  for (const junk of ["text", 42, [], { [first]: null }, { [first]: "answered" }]) {
    assert.equal(knowledgeCheckState(MODULE_A, junk).answered, 0, JSON.stringify(junk));
  }
  assert.equal(knowledgeCheckState(MODULE_A, Object.create({ [first]: { answered: true, correct: true } })).answered, 0);
});
