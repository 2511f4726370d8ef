// What an LMS is told about the learner: pure, from what the course's own
// modules decide. Completion is requirements.js's "nothing missing for the
// certificate"; passing is grade.js's decision stored with each attempt
// (record.js's passedAttempt); this file only maps them to LMS terms.

/**
 * @param {object} facts
 * @param {{items: {done: boolean}[], missing: object[]}} facts.requirements  store.js requirements()
 * @param {boolean} facts.hasPostTest      the course has a post-test page
 * @param {object[]} facts.attempts        the record's post-test attempts
 * @param {object | null} facts.passed     passedAttempt(record)
 * @param {object | null} facts.best       bestAttempt(record)
 * @returns {{completed: boolean, progress: number, success: "passed" | "failed" | "unknown",
 *            score: {raw: number, min: number, max: number, scaled: number} | null, attempt: object | null}}
 */
export function courseReport({ requirements, hasPostTest, attempts, passed, best }) {
  const items = requirements.items;
  const done = items.filter((item) => item.done).length;
  const attempt = hasPostTest ? passed || best || null : null;
  return {
    completed: requirements.missing.length === 0,
    progress: items.length ? done / items.length : 1,
    success: !hasPostTest ? "unknown" : passed ? "passed" : attempts.length ? "failed" : "unknown",
    score: attempt ? scoreOf(attempt) : null,
    attempt,
  };
}

/**
 * An attempt's score for an LMS: the percentage truncated (never rounded up) to two
 * decimals, so that an LMS comparing it with the mastery score decides as grade.js does
 * (35 of 44 is 79.54, which does not reach 80). `scaled` is the same on 0..1.
 */
export function scoreOf(attempt) {
  const tenThousandths = Math.floor((10000 * attempt.correct) / attempt.total);
  return { raw: tenThousandths / 100, min: 0, max: 100, scaled: tenThousandths / 10000 };
}
