// grade.js: the post-test is graded by question id, and passes on the exact
// counts, never on the rounded percentage.
import assert from "node:assert/strict";
import { test } from "node:test";

import { gradePostTest, sameChoice, scoreText } from "../../hooks/assets/grade.js";
import { POST_TEST_QUESTIONS } from "./fixtures.mjs";

/** `total` single-choice questions whose right answer is option 0. */
function singles(total) {
  return Array.from({ length: total }, (_, i) => ({ id: `q${i}`, type: "single", options: 4, correct: [0] }));
}

/** Responses with the first `right` questions answered correctly and the rest wrongly. */
function answered(questions, right) {
  return Object.fromEntries(questions.map((q, i) => [q.id, i < right ? [...q.correct] : [q.options - 1]]));
}

test("35 of 44 at an 80 % mark fails, although 79.5 % rounds to 80", () => {
  const questions = singles(44);
  const grade = gradePostTest(questions, answered(questions, 35), 80);
  assert.equal(grade.correct, 35);
  assert.equal(grade.total, 44);
  assert.equal(grade.score, 80, "the displayed score is rounded");
  assert.equal(grade.passed, false, "the pass decision is not");
});

test("36 of 44 at an 80 % mark passes", () => {
  const questions = singles(44);
  const grade = gradePostTest(questions, answered(questions, 36), 80);
  assert.deepEqual([grade.correct, grade.score, grade.passed], [36, 82, true]);
});

test("exactly the pass mark passes: 4 of 5 at 80 %", () => {
  const questions = singles(5);
  assert.equal(gradePostTest(questions, answered(questions, 4), 80).passed, true);
  assert.equal(gradePostTest(questions, answered(questions, 3), 80).passed, false);
});

test("at every pass mark, a 12-question test needs exactly the fewest correct answers that reach it", () => {
  const questions = singles(12);
  for (let passMark = 1; passMark <= 100; passMark += 1) {
    const needed = Math.ceil((passMark * 12) / 100); // e.g. 80 % of 12 = 9.6, so 10 answers
    for (let right = 0; right <= 12; right += 1) {
      const grade = gradePostTest(questions, answered(questions, right), passMark);
      assert.equal(grade.passed, right >= needed, `${right}/12 at ${passMark} %`);
    }
  }
});

test("unanswered questions count as wrong", () => {
  const responses = { [POST_TEST_QUESTIONS[0].id]: [0] };
  const grade = gradePostTest(POST_TEST_QUESTIONS, responses, 70);
  assert.deepEqual(grade.items.map((item) => item.correct), [true, false, false]);
  assert.deepEqual([grade.correct, grade.total, grade.score, grade.passed], [1, 3, 33, false]);
  assert.equal(gradePostTest(POST_TEST_QUESTIONS, {}, 70).correct, 0);
});

test("malformed responses are wrong, never a crash", () => {
  for (const responses of [null, undefined, [], "x", 42, { [POST_TEST_QUESTIONS[0].id]: null }]) {
    const grade = gradePostTest(POST_TEST_QUESTIONS, responses, 70);
    assert.equal(grade.correct, 0, JSON.stringify(responses));
    assert.equal(grade.passed, false);
  }
});

test("duplicated, out-of-range or non-integer indices are wrong", () => {
  const multiple = [1, 3];
  assert.equal(sameChoice([3, 1], multiple), true, "order does not matter");
  for (const chosen of [[1], [1, 3, 0], [1, 1, 3], [1, 3, 3], [1, 3, 7], [1, -3], ["1", "3"], [1, 3.5], [1, null], "13", null]) {
    assert.equal(sameChoice(chosen, multiple), false, JSON.stringify(chosen));
  }
  for (const chosen of [[0, 0], [7], [-1], ["0"], [0.0001], [NaN], [Infinity], [0, 1]]) {
    assert.equal(sameChoice(chosen, [0]), false, JSON.stringify(chosen));
  }
  assert.equal(sameChoice([], []), false, "a question without a key can never be right");
});

test("graded by question id, whatever the order of questions or responses", () => {
  const [a, b, c] = POST_TEST_QUESTIONS;
  const responses = { [c.id]: [1], [a.id]: [0], [b.id]: [3, 1] };
  const forward = gradePostTest([a, b, c], responses, 70);
  const backward = gradePostTest([c, b, a], responses, 70);
  assert.equal(forward.correct, 3);
  assert.equal(backward.correct, 3);
  assert.deepEqual(backward.items.map((item) => item.id), [c.id, b.id, a.id]);

  // Answers given by position (the old, positional key) do not line up with the ids.
  const shifted = { [a.id]: b.correct, [b.id]: c.correct, [c.id]: a.correct };
  assert.equal(gradePostTest([a, b, c], shifted, 70).correct, 0);
});

test("responses to unknown ids are ignored and never counted", () => {
  const questions = singles(2);
  const grade = gradePostTest(questions, { q0: [0], stale: [0], other: [1] }, 50);
  assert.deepEqual([grade.correct, grade.total, grade.passed], [1, 2, true]);
  assert.deepEqual(grade.items, [{ id: "q0", correct: true }, { id: "q1", correct: false }]);
});

test("responses are read only from the object itself, not its prototype", () => {
  const responses = Object.create({ q0: [0] });
  assert.equal(gradePostTest(singles(1), responses, 50).correct, 0);
});

test("a test without questions, or an invalid pass mark, never passes", () => {
  assert.deepEqual(gradePostTest([], {}, 80), { correct: 0, total: 0, score: 0, passed: false, items: [] });
  const questions = singles(2);
  assert.equal(gradePostTest(questions, answered(questions, 2), "80").passed, false);
  assert.equal(gradePostTest(questions, answered(questions, 2), 100).passed, true);
  assert.equal(gradePostTest(questions, answered(questions, 1), 100).passed, false);
});

test("the score shown never reaches a pass mark the attempt missed", () => {
  assert.equal(scoreText(35, 44, 80), "79.5%");
  assert.equal(scoreText(36, 44, 80), "82%");
  assert.equal(scoreText(11, 12, 80), "92%", "rounded when rounding misleads nobody");
  assert.equal(scoreText(0, 12, 80), "0%");
  assert.equal(scoreText(12, 12, 80), "100%");
  assert.equal(scoreText(0, 0, 80), "0%");
  for (let total = 1; total <= 60; total += 1) {
    for (let correct = 0; correct <= total; correct += 1) {
      for (const passMark of [50, 70, 75, 80, 90, 100]) {
        const shown = parseFloat(scoreText(correct, total, passMark));
        const passed = gradePostTest(singles(total), answered(singles(total), correct), passMark).passed;
        assert.equal(shown >= passMark, passed, `${correct}/${total} at ${passMark} shows ${shown}`);
      }
    }
  }
});
