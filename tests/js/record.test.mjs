// record.js: what this browser holds is read through the same check as an
// imported file, but leniently: each damaged part falls back to its default,
// so a forged or corrupted entry can neither break a page nor reach it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { bestAttempt, checkRecord, emptyRecord, passedAttempt, recordForStorage } from "../../hooks/assets/record.js";
import { FAILING, PASSING, makeManifest, makeRecord } from "./fixtures.mjs";

const manifest = makeManifest();

test("a whole record passes unchanged", () => {
  const { record, problems } = checkRecord(manifest, makeRecord());
  assert.deepEqual(problems, []);
  assert.deepEqual(record, makeRecord());
});

test("nothing stored, another course's or another schema's record: a fresh record", () => {
  for (const stored of [null, "x", [], { ...makeRecord(), courseId: "other" }, { ...makeRecord(), schema: 2 }]) {
    const { record, problems } = checkRecord(manifest, stored);
    assert.deepEqual(problems.map((p) => p.part), ["record"]);
    assert.deepEqual({ ...record, startedAt: "" }, { ...emptyRecord(manifest), startedAt: "" });
  }
});

test("each damaged part falls back to its default; the rest is kept", () => {
  const stored = makeRecord();
  stored.startedAt = { evil: true };
  stored.postTest.attempts.push({ at: "<img src=x onerror=alert(1)>", score: "100", correct: 1, total: 1, passed: true });
  stored.evaluation.likert.clear = "<b>5</b>";
  stored.certificate.name = 42;
  const { record, problems } = checkRecord(manifest, stored);
  assert.deepEqual([...new Set(problems.map((p) => p.part))].sort(), ["certificate", "evaluation", "postTest", "startedAt"]);
  assert.deepEqual(record.postTest.attempts, [FAILING, PASSING], "the forged attempt is left out");
  assert.equal(record.evaluation, null);
  assert.equal(record.certificate, null);
  assert.match(record.startedAt, /^\d{4}-\d{2}-\d{2}T/);
});

test("a forged attempt cannot pass without consistent counts", () => {
  const stored = makeRecord();
  stored.postTest.attempts = [{ at: PASSING.at, score: 100, correct: 1, total: 3, passed: true }];
  const { record } = checkRecord(manifest, stored);
  assert.equal(passedAttempt(record), null);
});

test("every certificate certificate.js issues passes the check", () => {
  const stored = makeRecord();
  Object.assign(stored.certificate, { credential: "", license: "", postTest: null, replaces: ["ZZZZ-0000-AAAA-1111-2222"] });
  stored.certificate.course.accreditation = null;
  assert.deepEqual(checkRecord(manifest, stored).problems, []);
  delete stored.certificate.course.accreditation; // absent in a manifest without one
  delete stored.certificate.replaces;
  const { record, problems } = checkRecord(manifest, stored);
  assert.deepEqual(problems, []);
  assert.equal(record.certificate.course.accreditation, null);
  assert.deepEqual(record.certificate.replaces, []);
});

test("a course without an evaluation page keeps no evaluation", () => {
  const { record, problems } = checkRecord(makeManifest({ evaluation: false }), makeRecord());
  assert.deepEqual(problems, []);
  assert.equal(record.evaluation, null);
});

test("only the record's own fields are stored", () => {
  const record = { ...makeRecord(), extra: "x", damaged: ["certificate"] };
  assert.deepEqual(Object.keys(recordForStorage(record)), ["schema", "courseId", "startedAt", "postTest", "evaluation", "certificate"]);
});

test("the best and the passing attempt", () => {
  const record = makeRecord();
  assert.equal(passedAttempt(record), record.postTest.attempts[1]);
  assert.equal(bestAttempt(record), record.postTest.attempts[1]);
  record.postTest.attempts = [FAILING];
  assert.equal(passedAttempt(record), null);
  assert.equal(bestAttempt(record), FAILING);
  record.postTest.attempts = [];
  assert.equal(bestAttempt(record), null);
});
