// Grading a post-test attempt: pure (no DOM, no storage), keyed by question id.
//
// The pass decision is exact integer arithmetic on the counts,
//   passed  <=>  correct * 100 >= passMark * total,
// never a comparison of the rounded percentage (35 of 44 is 79.5 %, which
// rounds to 80 but does not reach an 80 % pass mark).

/**
 * @param {{id: string, correct: number[]}[]} questions  the manifest's post-test questions
 * @param {Record<string, unknown>} responses           question id -> chosen option indices
 * @param {number} passMark                              whole percent, 1..100
 * @returns {{correct: number, total: number, score: number, passed: boolean, items: {id: string, correct: boolean}[]}}
 *   `score` is the rounded percentage, for display only.
 */
export function gradePostTest(questions, responses, passMark) {
  const given = responses && typeof responses === "object" ? responses : {};
  const items = questions.map((question) => ({
    id: question.id,
    correct: Object.hasOwn(given, question.id) && sameChoice(given[question.id], question.correct),
  }));
  const total = items.length;
  const correct = items.filter((item) => item.correct).length;
  return {
    correct,
    total,
    score: total ? Math.round((100 * correct) / total) : 0,
    passed: total > 0 && Number.isInteger(passMark) && correct * 100 >= passMark * total,
    items,
  };
}

/** True when `chosen` is exactly the key: the same indices, each once. Anything malformed is simply wrong. */
export function sameChoice(chosen, key) {
  if (!Array.isArray(chosen) || !Array.isArray(key) || key.length === 0) return false;
  if (!chosen.every(Number.isInteger)) return false;
  const picked = new Set(chosen);
  if (picked.size !== chosen.length || picked.size !== new Set(key).size) return false;
  return key.every((index) => picked.has(index));
}

/**
 * The percentage to show for `correct` of `total`: the rounded score, unless
 * rounding would reach a pass mark the attempt does not reach; then one decimal,
 * rounded down (35 of 44 shows "79.5%", not "80%", against an 80 % mark).
 */
export function scoreText(correct, total, passMark) {
  return `${scorePercent(correct, total, passMark)}%`;
}

/** The number scoreText shows (79.5, 82), for a page to format in its own language (i18n.js percent). */
export function scorePercent(correct, total, passMark) {
  if (!total) return 0;
  const rounded = Math.round((100 * correct) / total);
  if (rounded < passMark || correct * 100 >= passMark * total) return rounded;
  return Math.floor((1000 * correct) / total) / 10;
}

/**
 * The questions of one attempt as its review shows them, in the order it drew them:
 * what the learner chose, the key, and whether that was right. A question the
 * manifest no longer has (the bank changed since) comes back with `known: false`.
 * Shown only once the learner has passed: before that, the key stays hidden.
 * @param {{id: string, correct: number[]}[]} questions  the manifest's post-test questions
 * @param {{responses?: Record<string, unknown>, drawn?: string[]}} attempt  as stored
 * @returns {{id: string, known: boolean, chosen: number[], key: number[], correct: boolean}[]}
 */
export function reviewItems(questions, attempt) {
  const responses = attempt?.responses && typeof attempt.responses === "object" ? attempt.responses : {};
  const drawn = Array.isArray(attempt?.drawn) ? attempt.drawn : Object.keys(responses); // attempts before pools
  const byId = new Map(questions.map((question) => [question.id, question]));
  return drawn.map((id) => {
    const question = byId.get(id);
    const given = responses[id];
    const chosen = Array.isArray(given) ? given.filter(Number.isInteger) : [];
    if (!question) return { id, known: false, chosen, key: [], correct: false };
    return { id, known: true, chosen, key: [...question.correct], correct: sameChoice(given, question.correct) };
  });
}

/**
 * The modules a failed attempt should send the learner back to: those covered by a
 * question answered wrongly, in course order. Only module names: never which
 * question, nor which answer, was right.
 * @param {{id: string, covers?: string | null, correct: number[]}[]} questions  the manifest's post-test questions
 * @param {Record<string, unknown>} responses  as stored with the attempt
 * @param {string[]} drawn  the ids the attempt drew
 * @param {{slug: string}[]} modules  the manifest's modules, in course order
 * @returns {{slug: string}[]} the modules (as given), each once
 */
export function modulesToReview(questions, responses, drawn, modules) {
  const asked = new Set(drawn);
  const graded = gradePostTest(questions.filter((question) => asked.has(question.id)), responses, 100);
  const wrong = new Set(graded.items.filter((item) => !item.correct).map((item) => item.id));
  const covered = new Set(questions.filter((question) => wrong.has(question.id)).map((question) => question.covers));
  return modules.filter((module) => covered.has(module.slug));
}
