// grade.js after an attempt: the modules a failed attempt names (from `covers`, never
// which question), and the items a review shows once the learner has passed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { modulesToReview, reviewItems } from "../../hooks/assets/grade.js";
import { MODULE_A, MODULE_B, POST_TEST_QUESTIONS } from "./fixtures.mjs";

const [Q1, Q2, Q3] = POST_TEST_QUESTIONS.map((question) => question.id);
const MODULES = [MODULE_A, MODULE_B];
const ALL = [Q1, Q2, Q3];

test("a failed attempt names the modules of the questions answered wrongly, in course order", () => {
  const slugs = (responses, drawn = ALL) => modulesToReview(POST_TEST_QUESTIONS, responses, drawn, MODULES).map((m) => m.slug);
  assert.deepEqual(slugs({ [Q1]: [0], [Q2]: [1, 3], [Q3]: [0] }), ["bowline"]);
  assert.deepEqual(slugs({ [Q1]: [1], [Q2]: [1, 3], [Q3]: [1] }), ["reef-knot"]);
  assert.deepEqual(slugs({ [Q3]: [0], [Q1]: [2], [Q2]: [1] }), ["reef-knot", "bowline"], "course order, each module once");
  assert.deepEqual(slugs({ [Q1]: [0], [Q2]: [1, 3], [Q3]: [1] }), [], "nothing wrong, nothing to review");
});

test("only the questions the attempt drew count; a missing answer is wrong", () => {
  const names = modulesToReview(POST_TEST_QUESTIONS, { [Q3]: [0] }, [Q3], MODULES).map((m) => m.slug);
  assert.deepEqual(names, ["bowline"], "reef-knot questions were not drawn, so they are not held against it");
  assert.deepEqual(modulesToReview(POST_TEST_QUESTIONS, {}, [Q1], MODULES).map((m) => m.slug), ["reef-knot"]);
});

test("the modules come back as the manifest gives them, and say nothing about the key", () => {
  const [module] = modulesToReview(POST_TEST_QUESTIONS, { [Q3]: [0] }, [Q3], MODULES);
  assert.equal(module, MODULE_B, "the manifest's own module: its title and url for the link");
  const questionsWithoutCovers = POST_TEST_QUESTIONS.map(({ covers, ...rest }) => rest);
  assert.deepEqual(modulesToReview(questionsWithoutCovers, { [Q3]: [0] }, [Q3], MODULES), [],
    "questions without covers name no module (the page then says: review the modules)");
});

test("a review lists the drawn questions in drawn order with the choice, the key and the verdict", () => {
  const items = reviewItems(POST_TEST_QUESTIONS, { drawn: [Q2, Q3], responses: { [Q2]: [3, 1], [Q3]: [0] } });
  assert.deepEqual(items, [
    { id: Q2, known: true, chosen: [3, 1], key: [1, 3], correct: true },
    { id: Q3, known: true, chosen: [0], key: [1], correct: false },
  ]);
});

test("a review survives old and odd records: no `drawn`, a changed bank, malformed answers", () => {
  const old = reviewItems(POST_TEST_QUESTIONS, { responses: { [Q1]: [0], [Q3]: [1] } });
  assert.deepEqual(old.map((item) => [item.id, item.correct]), [[Q1, true], [Q3, true]], "before pools: every answered question");
  const changed = reviewItems(POST_TEST_QUESTIONS, { drawn: ["final--q1--0000000000"], responses: { "final--q1--0000000000": [0] } });
  assert.deepEqual(changed, [{ id: "final--q1--0000000000", known: false, chosen: [0], key: [], correct: false }]);
  const odd = reviewItems(POST_TEST_QUESTIONS, { drawn: [Q1], responses: { [Q1]: ["0", 0.5] } });
  assert.deepEqual(odd[0], { id: Q1, known: true, chosen: [], key: [0], correct: false });
  assert.deepEqual(reviewItems(POST_TEST_QUESTIONS, null), []);
});
