// hooks/lms-assets/suspend.js: the learner's progress as SCORM suspend data. It must come
// back exactly, survive a new build that edits a question, and fit SCORM 1.2's 4,096
// characters by leaving out what matters least, never what unlocks the certificate.
import assert from "node:assert/strict";
import { test } from "node:test";

import { validateProgressFile, EXPORT_FORMAT } from "../../hooks/assets/progress-file.js";
import { LADDER, SCORM12_LIMIT, decodeProgress, dictionary, encodeProgress, hash36 } from "../../hooks/lms-assets/suspend.js";
import { FAILING, PASSING, makeManifest, makeRecord } from "./fixtures.mjs";

const manifest = makeManifest();

function progress() {
  return {
    record: makeRecord(),
    quizzes: {
      "lessons/reef-knot/": {
        "reef--joins--aaaaaaaaaa": { answered: true, correct: true, selectedValues: ["0"], firstTry: false },
        "reef--name--bbbbbbbbbb": { answered: true, correct: false, selectedValues: ["~reef", "reef--joins--aaaaaaaaaa"] },
        "reef--uses--cccccccccc": { answered: true, correct: true, selectedValues: ["1", "3"], firstTry: true },
      },
      "lessons/bowline/": {},
    },
  };
}

/** A course the size of a real one: 6 modules of 7 questions, a post-test pool of 24, long ids. */
function bigManifest() {
  const big = makeManifest();
  const id = (bank, n) => `${bank}--question-number-${n}-about-something--${hash36(bank + n)}abc`;
  big.modules = Array.from({ length: 6 }, (_, m) => {
    const questions = Array.from({ length: 7 }, (_, n) => ({ id: id(`module-${m}`, n), type: "single", options: 4 }));
    return { slug: `module-${m}`, title: `Module ${m}`, url: `modules/module-${m}.html`, bank: `module-${m}`,
             quizzes: questions.map((q) => q.id), questions };
  });
  big.post_test.questions = Array.from({ length: 24 }, (_, n) =>
    ({ id: id("post-test", n), type: "single", options: 4, covers: `module-${n % 6}`, correct: [n % 4] }));
  big.post_test.quizzes = big.post_test.questions.map((q) => q.id);
  return big;
}

function bigProgress(big, comment = "Useful.") {
  const quizzes = Object.fromEntries(big.modules.map((m) => [m.url, Object.fromEntries(m.questions.map((q) =>
    [q.id, { answered: true, correct: true, selectedValues: ["2"], firstTry: true }]))]));
  const attempt = (n, passed) => {
    const drawn = big.post_test.questions.slice(0, 12).map((q) => q.id);
    return { at: `2025-03-1${n}T10:00:00.000Z`, score: passed ? 100 : 50, correct: passed ? 12 : 6, total: 12, passed,
             responses: Object.fromEntries(drawn.map((id) => [id, [1]])), drawn };
  };
  const record = makeRecord();
  record.postTest.attempts = [attempt(1, false), attempt(2, false), attempt(3, false), attempt(4, true)];
  record.evaluation.comments = { better: comment };
  return { record, quizzes };
}

test("what is packed comes back exactly", () => {
  const packed = encodeProgress(manifest, progress());
  assert.deepEqual(packed.left, []);
  assert.deepEqual(decodeProgress(manifest, packed.text), { ...progress(), quizzes: { "lessons/reef-knot/": progress().quizzes["lessons/reef-knot/"] } });
});

test("ids, URLs and field names become short tokens; learner text that looks like a token stays learner text", () => {
  const text = encodeProgress(manifest, progress()).text;
  assert.ok(!text.includes("reef--joins--aaaaaaaaaa") && !text.includes("lessons/reef-knot/") && !text.includes("startedAt"));
  assert.ok(text.includes("~~reef"), "a learner's '~' is doubled");
  assert.ok(text.length < 0.7 * JSON.stringify(progress()).length, text.length);
});

test("what comes back passes the course's own check of an imported file", () => {
  const back = decodeProgress(manifest, encodeProgress(manifest, progress()).text);
  const checked = validateProgressFile(manifest, { format: EXPORT_FORMAT, courseId: manifest.course.id, ...back });
  assert.equal(checked.ok, true, checked.message);
  assert.deepEqual(checked.record.postTest.attempts, [FAILING, PASSING]);
});

test("a question edited in a new build loses its answer; nothing is filed under another question", () => {
  const text = encodeProgress(manifest, progress()).text;
  const rebuilt = makeManifest();
  rebuilt.modules[0].questions[0].id = rebuilt.modules[0].quizzes[0] = "reef--joins--zzzzzzzzzz";
  rebuilt.post_test.questions[1].id = rebuilt.post_test.quizzes[1] = "final--q2--9999999999";
  const back = decodeProgress(rebuilt, text);
  assert.deepEqual(Object.keys(back.quizzes["lessons/reef-knot/"]).sort(), ["reef--name--bbbbbbbbbb", "reef--uses--cccccccccc"]);
  const passing = back.record.postTest.attempts[1];
  assert.deepEqual(Object.keys(passing.responses).sort(), ["final--q1--1111111111", "final--q3--3333333333"]);
  assert.equal(validateProgressFile(rebuilt, { format: EXPORT_FORMAT, courseId: "knots-101", ...back }).ok, true);
});

test("text that is not ours is refused", () => {
  for (const text of ["", "not json", "{}", "[2,{},{}]", '[1,{},"x"]', "[1]", "viewed=1,2,3|lastviewedslide=31"]) {
    assert.equal(decodeProgress(manifest, text), null, text);
  }
});

test("two manifest strings with one hash are both left unpacked, never mistaken for each other", () => {
  assert.equal(hash36("question-792759"), hash36("question-1360742"), "a known FNV-1a collision");
  const clashing = { ...makeManifest(), extra: ["question-792759", "question-1360742", "question-unique"] };
  const words = dictionary(clashing);
  assert.ok(!words.encode.has("question-792759") && !words.encode.has("question-1360742"));
  assert.ok(words.encode.has("question-unique"));
  const tokens = [...words.encode.values()];
  assert.equal(new Set(tokens).size, tokens.length, "every token stands for one string");
  const record = { ...makeRecord(), evaluation: { ...makeRecord().evaluation, comments: { better: "question-792759" } } };
  const text = encodeProgress(clashing, { record, quizzes: {} }).text;
  assert.equal(decodeProgress(clashing, text).record.evaluation.comments.better, "question-792759");
});

test("a finished course the size of a real one fits SCORM 1.2 whole", () => {
  const big = bigManifest();
  const whole = bigProgress(big);
  const packed = encodeProgress(big, whole, SCORM12_LIMIT);
  assert.deepEqual(packed.left, []);
  assert.ok(JSON.stringify(whole).length > 2 * SCORM12_LIMIT, "unpacked, it would not fit");
  assert.deepEqual(decodeProgress(big, packed.text).record, whole.record);
});

test("too long for SCORM 1.2: the least important parts go first, never what unlocks the certificate", () => {
  const big = bigManifest();
  const whole = bigProgress(big, "~ A long comment from a learner who has much to say. ".repeat(200));
  const packed = encodeProgress(big, whole, SCORM12_LIMIT);
  assert.ok(packed.text.length <= SCORM12_LIMIT, packed.text.length);
  assert.deepEqual(packed.left, LADDER.map((step) => step.name));
  const back = decodeProgress(big, packed.text);
  for (const [url, answers] of Object.entries(whole.quizzes)) {
    for (const [id, answer] of Object.entries(answers)) {
      assert.deepEqual(back.quizzes[url][id], { ...answer, selectedValues: [] }, "answered and correct are kept");
    }
  }
  const attempts = back.record.postTest.attempts;
  assert.ok(attempts.some((a) => a.passed), "the passed attempt is kept");
  assert.ok(attempts.every((a) => a.responses === undefined));
  assert.deepEqual(back.record.evaluation.likert, whole.record.evaluation.likert);
  assert.ok(back.record.evaluation.comments.better.endsWith("…") && back.record.evaluation.comments.better.length > 1000);
  assert.deepEqual(back.record.certificate, whole.record.certificate);
});

test("each step is taken only when needed", () => {
  const big = bigManifest();
  const whole = bigProgress(big);
  const full = encodeProgress(big, whole).text.length;
  const packed = encodeProgress(big, whole, full - 1);
  assert.deepEqual(packed.left, [LADDER[0].name], "dropping the knowledge-check choices is enough");
});

test("a record that can never fit gives null: the caller keeps what the LMS had", () => {
  const record = makeRecord();
  record.certificate.replaces = Array.from({ length: 1000 }, (_, i) => `ABCD-EFGH-JKMN-${String(i).padStart(4, "0")}`);
  assert.equal(encodeProgress(manifest, { record, quizzes: {} }, SCORM12_LIMIT), null);
});
