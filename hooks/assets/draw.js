// Drawing the questions of one post-test attempt from the pool: pure (no DOM,
// no storage), with the random source passed in so that tests can seed it.
//
// Balanced by module: the pool's questions are grouped by `covers` (questions
// without it form one group of their own). With M groups and `count` questions
// to draw, every group gives floor(count / M) questions and count mod M groups,
// chosen at random, give one more. The build (banks.py, check_draw) makes sure
// every group holds ceil(count / M) questions. Should a group still fall short
// (a manifest edited by hand), the missing questions come from the rest of the
// pool, so an attempt always has `count` questions.

/**
 * @param {{id: string, covers?: string | null}[]} questions  the pool, in bank order
 * @param {number | null | undefined} count  questions per attempt; null or undefined: the whole pool
 * @param {() => number} random  numbers in [0, 1), like Math.random
 * @returns {string[]} the drawn question ids, in bank order, each once
 */
export function drawQuestions(questions, count, random = Math.random) {
  const pool = Array.isArray(questions) ? questions : [];
  if (count === null || count === undefined || !Number.isInteger(count) || count >= pool.length) {
    return pool.map((question) => question.id);
  }
  if (count <= 0) return [];
  const groups = drawGroups(pool);
  const base = Math.floor(count / groups.length);
  const quota = new Map(groups.map((group) => [group, Math.min(base, group.length)]));
  // The remainder goes to groups picked at random among those with a question to spare.
  const roomy = shuffled(groups.filter((group) => group.length > base), random);
  for (const group of roomy.slice(0, count % groups.length)) quota.set(group, quota.get(group) + 1);

  const chosen = new Set();
  const rest = [];
  for (const group of groups) {
    const order = shuffled(group, random);
    order.slice(0, quota.get(group)).forEach((question) => chosen.add(question));
    rest.push(...order.slice(quota.get(group)));
  }
  for (const question of shuffled(rest, random)) {
    if (chosen.size >= count) break;
    chosen.add(question);
  }
  return pool.filter((question) => chosen.has(question)).map((question) => question.id);
}

/** The pool's questions grouped by `covers`, groups in order of first appearance. */
export function drawGroups(questions) {
  const groups = new Map();
  for (const question of questions) {
    const key = question.covers ?? null;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(question);
  }
  return [...groups.values()];
}

/** A shuffled copy (Fisher-Yates); a faulty random source cannot index outside the list. */
function shuffled(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const r = Number(random());
    const j = Number.isFinite(r) ? Math.min(i, Math.max(0, Math.floor(r * (i + 1)))) : 0;
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
