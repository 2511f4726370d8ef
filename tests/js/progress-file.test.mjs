// progress-file.js: a progress file is checked whole against the manifest
// before anything is written; any invalid field rejects the whole file.
//
// Unknown ids are DROPPED, not rejected: a quiz id is `bank--question--fingerprint`,
// so an organizer's edit of a question changes its id, and a file exported before
// the edit must still import (that question starts unanswered, as quiz-guard.js
// does in the browser). They are still checked for shape first, so an injection
// string under an unknown id rejects the file all the same.
import assert from "node:assert/strict";
import { test } from "node:test";

import { validateProgressFile } from "../../hooks/assets/progress-file.js";
import { INJECTIONS, MODULE_A, MODULE_B, PASSING, makeFile, makeManifest } from "./fixtures.mjs";

const manifest = makeManifest();
const [SINGLE, FILL, MULTIPLE] = MODULE_A.quizzes;

function rejected(file, why) {
  const result = validateProgressFile(manifest, file);
  assert.equal(result.ok, false, `${why}: accepted`);
  assert.match(result.message, /nothing was changed/, why);
  assert.equal(Object.keys(result).sort().join(), "message,ok", why);
  return result.message;
}

/** A good file with one change made by `change(file)`. */
function changed(change) {
  const file = makeFile();
  change(file);
  return file;
}

test("a good file is accepted and returned clean", () => {
  const file = makeFile();
  const result = validateProgressFile(manifest, file);
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(result.record, file.record);
  assert.deepEqual(result.quizzes, file.quizzes);
  assert.notEqual(result.record, file.record, "a copy, not the file's own objects");
});

test("fields that are not part of the format are left out of what is written", () => {
  const file = changed((f) => {
    f.record.extra = "<b>x</b>";
    f.record.postTest.attempts[0].note = "x";
    f.record.certificate.html = "<img src=x>";
    f.quizzes[MODULE_A.url][SINGLE].html = "<img src=x>";
  });
  const result = validateProgressFile(manifest, file);
  assert.equal(result.ok, true, result.message);
  assert.equal("extra" in result.record, false);
  assert.equal("note" in result.record.postTest.attempts[0], false);
  assert.equal("html" in result.record.certificate, false);
  assert.equal("html" in result.quizzes[MODULE_A.url][SINGLE], false);
});

test("older files: attempts without responses, no certificate, no evaluation, no firstTry", () => {
  const file = changed((f) => {
    f.record.postTest.attempts.forEach((a) => delete a.responses);
    f.record.certificate = null;
    f.record.evaluation = null;
    delete f.quizzes[MODULE_A.url][MULTIPLE].firstTry;
  });
  assert.equal(validateProgressFile(manifest, file).ok, true);
});

test("not a progress file, or another course's", () => {
  for (const data of [null, [], "text", 42, {}, { ...makeFile(), format: "other" }]) {
    assert.match(rejected(data, JSON.stringify(data)?.slice(0, 40)), /not a progress file/);
  }
  assert.match(rejected({ ...makeFile(), courseId: "another-course" }, "courseId"), /another course \("another-course"\)/);
});

test("a damaged record is rejected, naming the field", () => {
  const cases = {
    "record missing": (f) => { delete f.record; },
    "record schema": (f) => { f.record.schema = 2; },
    "record courseId": (f) => { f.record.courseId = "another-course"; },
    startedAt: (f) => { f.record.startedAt = "yesterday"; },
    "startedAt type": (f) => { f.record.startedAt = 1741770000000; },
    "postTest missing": (f) => { delete f.record.postTest; },
    "attempts not a list": (f) => { f.record.postTest.attempts = { 0: PASSING }; },
    "attempt not an object": (f) => { f.record.postTest.attempts.push("passed"); },
    "attempt at": (f) => { f.record.postTest.attempts[0].at = "<img src=x>"; },
    "attempt score type": (f) => { f.record.postTest.attempts[0].score = "33"; },
    "attempt score range": (f) => { f.record.postTest.attempts[1].score = 101; },
    "attempt score not its counts": (f) => { f.record.postTest.attempts[0].score = 100; },
    "attempt correct > total": (f) => { f.record.postTest.attempts[1].correct = 4; },
    "attempt total 0": (f) => { f.record.postTest.attempts[0].total = 0; },
    "attempt passed type": (f) => { f.record.postTest.attempts[1].passed = "yes"; },
    "responses not an object": (f) => { f.record.postTest.attempts[1].responses = [[0], [1, 3], [1]]; },
    "response index out of range": (f) => { f.record.postTest.attempts[1].responses["final--q1--1111111111"] = [3]; },
    "response index duplicated": (f) => { f.record.postTest.attempts[1].responses["final--q2--2222222222"] = [1, 1]; },
    "response index not an integer": (f) => { f.record.postTest.attempts[1].responses["final--q2--2222222222"] = ["1", "3"]; },
    "response two answers to a single": (f) => { f.record.postTest.attempts[1].responses["final--q1--1111111111"] = [0, 1]; },
    "response empty": (f) => { f.record.postTest.attempts[1].responses["final--q3--3333333333"] = []; },
    "evaluation not an object": (f) => { f.record.evaluation = "done"; },
    "evaluation submittedAt": (f) => { f.record.evaluation.submittedAt = null; },
    "likert below the scale": (f) => { f.record.evaluation.likert.clear = 0; },
    "likert above the scale": (f) => { f.record.evaluation.likert.clear = 6; },
    "likert not an integer": (f) => { f.record.evaluation.likert.useful = 2.5; },
    "likert a string": (f) => { f.record.evaluation.likert.useful = "3"; },
    "likert missing": (f) => { delete f.record.evaluation.likert; },
    "comment not a string": (f) => { f.record.evaluation.comments.better = ["x"]; },
    "comment too long": (f) => { f.record.evaluation.comments.better = "x".repeat(4001); },
    "certificate not an object": (f) => { f.record.certificate = "issued"; },
    "certificate schema": (f) => { f.record.certificate.schema = 9; },
    "certificate number": (f) => { f.record.certificate.number = "<b>1</b>"; },
    "certificate issuedAt": (f) => { f.record.certificate.issuedAt = "soon"; },
    "certificate completedOn": (f) => { f.record.certificate.completedOn = "2025-03-10T00:00:00Z"; },
    "certificate name empty": (f) => { f.record.certificate.name = ""; },
    "certificate name too long": (f) => { f.record.certificate.name = "x".repeat(121); },
    "certificate name control character": (f) => { f.record.certificate.name = "Ann\u0000Lee"; },
    "certificate name not a string": (f) => { f.record.certificate.name = { toString: "x" }; },
    "certificate credential too long": (f) => { f.record.certificate.credential = "x".repeat(61); },
    "certificate license not a string": (f) => { f.record.certificate.license = 12345; },
    "certificate course title": (f) => { f.record.certificate.course.title = 7; },
    "certificate course ceHours": (f) => { f.record.certificate.course.ceHours = "1.0"; },
    "certificate course missing": (f) => { delete f.record.certificate.course; },
    "certificate signer": (f) => { f.record.certificate.signer = null; },
    "certificate postTest": (f) => { f.record.certificate.postTest = { score: "100" }; },
    "certificate replaces": (f) => { f.record.certificate.replaces = ["<img src=x>"]; },
  };
  for (const [why, change] of Object.entries(cases)) {
    assert.match(rejected(changed(change), why), /damaged or incomplete \(record/, why);
  }
});

test("an answer that does not fit its question is rejected", () => {
  const a = (f) => f.quizzes[MODULE_A.url];
  const cases = {
    "quizzes not an object": (f) => { f.quizzes = []; },
    "page not an object": (f) => { f.quizzes[MODULE_A.url] = "all done"; },
    "entry not an object": (f) => { a(f)[SINGLE] = true; },
    "answered not a boolean": (f) => { a(f)[SINGLE].answered = "true"; },
    "correct missing": (f) => { delete a(f)[SINGLE].correct; },
    "correct without an answer": (f) => { a(f)[SINGLE] = { answered: false, correct: true, selectedValues: [] }; },
    "firstTry not a boolean": (f) => { a(f)[MULTIPLE].firstTry = 1; },
    "selectedValues not a list": (f) => { a(f)[SINGLE].selectedValues = "0"; },
    "choice value a number": (f) => { a(f)[SINGLE].selectedValues = [0]; },
    "choice value out of range": (f) => { a(f)[SINGLE].selectedValues = ["3"]; },
    "choice value negative": (f) => { a(f)[MULTIPLE].selectedValues = ["-1"]; },
    "choice value padded": (f) => { a(f)[MULTIPLE].selectedValues = ["01"]; },
    "two answers to a single": (f) => { a(f)[SINGLE].selectedValues = ["0", "1"]; },
    "duplicated values": (f) => { a(f)[MULTIPLE].selectedValues = ["1", "1"]; },
    "more blanks than the question": (f) => { a(f)[FILL].selectedValues = ["a", "b", "c"]; },
    "blank too long": (f) => { a(f)[FILL].selectedValues = ["x".repeat(201)]; },
    "blank not a string": (f) => { a(f)[FILL].selectedValues = [null]; },
    "other module": (f) => { f.quizzes[MODULE_B.url]["bowline--loop--dddddddddd"].selectedValues = ["2"]; },
  };
  for (const [why, change] of Object.entries(cases)) {
    assert.match(rejected(changed(change), why), /damaged or incomplete \(quizzes/, why);
  }
});

test("injection strings are rejected wherever an answer can carry them", () => {
  for (const payload of INJECTIONS) {
    rejected(changed((f) => { f.quizzes[MODULE_A.url][SINGLE].selectedValues = [payload]; }), `single: ${payload}`);
    rejected(changed((f) => { f.quizzes[MODULE_A.url][MULTIPLE].selectedValues = ["1", payload]; }), `multiple: ${payload}`);
    rejected(changed((f) => { f.quizzes[MODULE_A.url][FILL].selectedValues = [payload]; }), `fill: ${payload}`);
    rejected(changed((f) => { f.quizzes[MODULE_A.url][FILL].selectedValues = ["reef", `knot ${payload}`]; }), `fill, second blank: ${payload}`);
    rejected(changed((f) => { f.quizzes[MODULE_A.url]["reef--stale--0000000000"] = { answered: true, correct: false, selectedValues: [payload] }; }),
      `unknown quiz id: ${payload}`);
    rejected(changed((f) => { f.quizzes["lessons/removed/"] = { x: { answered: true, correct: false, selectedValues: [payload] } }; }),
      `unknown page: ${payload}`);
  }
});

test("typed answers that are plain text are kept as typed", () => {
  const typed = ["a < b", "x<3", "R&D", "café", "javascript:alert(1)", "1 > 0", ""];
  const file = changed((f) => { f.quizzes[MODULE_A.url][FILL].selectedValues = typed.slice(0, 2); });
  assert.equal(validateProgressFile(manifest, file).ok, true);
  for (const text of typed) {
    const one = changed((f) => { f.quizzes[MODULE_A.url][FILL].selectedValues = [text]; });
    const result = validateProgressFile(manifest, one);
    assert.equal(result.ok, true, text);
    assert.deepEqual(result.quizzes[MODULE_A.url][FILL].selectedValues, [text]);
  }
});

test("answers to quiz ids and pages this build does not have are dropped, the rest imported", () => {
  const file = changed((f) => {
    f.quizzes[MODULE_A.url]["reef--joins--0000000000"] = { answered: true, correct: true, selectedValues: ["7"] }; // an edited question
    f.quizzes["lessons/removed/"] = { "old--q--1234567890": { answered: true, correct: true, selectedValues: ["0"] } };
  });
  const result = validateProgressFile(manifest, file);
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(Object.keys(result.quizzes).sort(), [MODULE_A.url, MODULE_B.url].sort());
  assert.deepEqual(Object.keys(result.quizzes[MODULE_A.url]).sort(), [...MODULE_A.quizzes].sort());
});

test("responses and evaluation answers to ids this build does not have are dropped", () => {
  const file = changed((f) => {
    f.record.postTest.attempts[1].responses["final--q1--0000000000"] = [2];
    f.record.evaluation.likert.removed = 3;
    f.record.evaluation.comments.removed = "old";
  });
  const result = validateProgressFile(manifest, file);
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(result.record.postTest.attempts[1].responses, PASSING.responses);
  assert.deepEqual(Object.keys(result.record.evaluation.likert), ["clear", "useful"]);
  assert.deepEqual(Object.keys(result.record.evaluation.comments), ["better"]);
  // ... but their values must still be sane.
  rejected(changed((f) => { f.record.postTest.attempts[1].responses["final--q1--0000000000"] = ["<img>"]; }), "stale response");
  rejected(changed((f) => { f.record.evaluation.comments.removed = { html: "<img>" }; }), "stale comment");
});

test("every module of the course gets an entry, so an import replaces what the browser had", () => {
  const file = changed((f) => { delete f.quizzes[MODULE_B.url]; });
  const result = validateProgressFile(manifest, file);
  assert.equal(result.ok, true);
  assert.deepEqual(result.quizzes[MODULE_B.url], {});
});

test("a message never carries a long or invisible key from the file", () => {
  const key = `${"k".repeat(500)}\u202e`;
  const message = rejected(changed((f) => { f.quizzes[MODULE_A.url][key] = "x"; }), "long key");
  assert.ok(message.length < 200, message);
  assert.equal(/\u202e/.test(message), false);
  const other = rejected({ ...makeFile(), courseId: "x".repeat(10_000) }, "long course id");
  assert.ok(other.length < 200);
});

test("keys like __proto__ neither pollute nor get written", () => {
  const text = JSON.stringify(makeFile()).replace('"quizzes":{', '"quizzes":{"__proto__":{"polluted":{"answered":true,"correct":true}},');
  const result = validateProgressFile(manifest, JSON.parse(text));
  assert.equal(result.ok, true, result.message);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.hasOwn(result.quizzes, "__proto__"), false);
});
