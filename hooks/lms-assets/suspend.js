// The learner's progress as compact text for an LMS (SCORM suspend_data, the
// cmi5 state document), so that a later launch, on any computer, resumes.
// Pure: no DOM, no storage. The caller passes what store.js's exportProgress()
// returns ({record, quizzes}) and checks what decode() gives back with
// progress-file.js's validateProgressFile() before writing anything, exactly
// as for an imported file: this codec only packs, the course's modules judge.
//
// Packing, in order:
// - any string that the course manifest holds (quiz and question ids, module
//   URLs, titles, the course's own texts) becomes "~" + a 7-character hash of
//   it; the hash, not a position, so that a new build that adds or edits a
//   question never files an answer under another one (an id this build no
//   longer has decodes to nothing and is dropped, like an imported file's);
// - the record's field names become "~" + one or two characters (FIELDS);
// - a knowledge-check answer {answered, correct, firstTry, selectedValues}
//   becomes [flags, ...values];
// - a string of the learner's that starts with "~" gets one more "~".
// SCORM 1.2 allows 4,096 characters: when the text is longer, the steps of
// LADDER leave out, one after the other, what matters least (see below).

export const SUSPEND_VERSION = 1;
export const SCORM12_LIMIT = 4096;
const MARK = "~";
// Field names of the record (record.js) and the export (store.js). Append only:
// a name's position is its code in data that LMSs already hold.
const FIELDS = [
  "schema", "courseId", "startedAt", "postTest", "attempts", "at", "score", "correct", "total", "passed",
  "responses", "drawn", "evaluation", "submittedAt", "likert", "comments", "certificate", "number", "issuedAt",
  "completedOn", "name", "credential", "license", "course", "id", "version", "title", "ceHours", "provider",
  "accreditation", "signer", "replaces",
];
const ANSWERED = 1;
const CORRECT = 2;
const FIRST_TRY_SET = 4;
const FIRST_TRY = 8;
const MIN_MANIFEST_STRING = 6; // shorter strings would not get shorter

/** The two-way dictionary of a course manifest: known string <-> token. */
export function dictionary(manifest) {
  const encode = new Map();
  const decode = new Map();
  FIELDS.forEach((name, index) => {
    const token = MARK + index.toString(36);
    encode.set(name, token);
    decode.set(token, name);
  });
  const clashes = new Set();
  for (const text of manifestStrings(manifest)) {
    if (encode.has(text)) continue;
    const token = MARK + hash36(text);
    if (decode.has(token)) clashes.add(token);
    encode.set(text, token);
    decode.set(token, text);
  }
  for (const token of clashes) { // two strings, one hash: neither is packed (never mistaken for the other)
    for (const [text, t] of encode) if (t === token) encode.delete(text);
    decode.delete(token);
  }
  return { encode, decode };
}

/**
 * Pack {record, quizzes} into text of at most `limit` characters.
 * @returns {{text: string, left: string[]} | null}  `left`: the LADDER steps that had to be
 *   applied (what is missing from the text); null when even the last step does not fit.
 */
export function encodeProgress(manifest, progress, limit = Infinity) {
  const words = dictionary(manifest);
  const size = (p) => pack(words, p).length;
  let current = structuredClone({ record: progress.record, quizzes: progress.quizzes });
  const left = [];
  for (let step = -1; step < LADDER.length; step += 1) {
    if (step >= 0) {
      current = LADDER[step].apply(current, limit, size);
      left.push(LADDER[step].name);
    }
    const text = pack(words, current);
    if (text.length <= limit) return { text, left };
  }
  return null;
}

/**
 * Unpack text written by encodeProgress() for this course.
 * @returns {{record: object, quizzes: object} | null}  null for text that is not ours
 *   (an older format, another SCO's data, damage). Nothing here is trusted yet: the caller
 *   checks the result as an imported progress file.
 */
export function decodeProgress(manifest, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return null;
  }
  if (!Array.isArray(data) || data.length !== 3 || data[0] !== SUSPEND_VERSION || !isObject(data[2])) return null;
  const words = dictionary(manifest);
  const record = unpackValue(words, data[1]);
  const quizzes = {};
  for (const [pageToken, answers] of Object.entries(data[2])) {
    const page = unpackString(words, pageToken);
    if (page === undefined || !isObject(answers)) continue;
    quizzes[page] = {};
    for (const [idToken, packed] of Object.entries(answers)) {
      const id = unpackString(words, idToken);
      if (id !== undefined) quizzes[page][id] = unpackAnswer(words, packed);
    }
  }
  return { record, quizzes };
}

// ---------------------------------------------------------------- what is left out when it does not fit

/**
 * Each step leaves out more; the order is from what matters least to the learner and
 * the organizer. What unlocks the certificate (answered and correct flags, a passed
 * attempt, the evaluation's ratings, the certificate itself) is never left out.
 */
export const LADDER = [
  // The options a learner chose in the knowledge checks: only shown again on the page.
  { name: "knowledge-check choices", apply: (p) => ({ ...p, quizzes: mapAnswers(p.quizzes, (a) => ({ ...a, selectedValues: [] })) }) },
  // Responses of attempts that are neither the passed, the best nor the last one.
  { name: "responses of other attempts", apply: (p) => withAttempts(p, (attempts) => {
    const keep = keptAttempts(attempts);
    return attempts.map((a) => (keep.has(a) ? a : withoutResponses(a)));
  }) },
  { name: "post-test responses", apply: (p) => withAttempts(p, (attempts) => attempts.map(withoutResponses)) },
  { name: "other post-test attempts", apply: (p) => withAttempts(p, (attempts) => {
    const keep = keptAttempts(attempts);
    return attempts.filter((a) => keep.has(a));
  }) },
  // Evaluation comments, shortened to share what room is left.
  { name: "part of the evaluation comments", apply: shortenComments },
];

function mapAnswers(quizzes, change) {
  return Object.fromEntries(Object.entries(quizzes || {}).map(([page, answers]) =>
    [page, Object.fromEntries(Object.entries(answers || {}).map(([id, answer]) => [id, change(answer)]))]));
}

function withAttempts(progress, change) {
  const record = progress.record;
  if (!isObject(record) || !isObject(record.postTest) || !Array.isArray(record.postTest.attempts)) return progress;
  return { ...progress, record: { ...record, postTest: { ...record.postTest, attempts: change(record.postTest.attempts) } } };
}

/** The attempts an LMS and the certificate rely on: the first passed one, the best one, the last one. */
function keptAttempts(attempts) {
  const passed = attempts.find((a) => a && a.passed === true);
  const best = attempts.reduce((top, a) => (a && (!top || a.score > top.score) ? a : top), null);
  return new Set([passed, best, attempts[attempts.length - 1]].filter(Boolean));
}

function withoutResponses(attempt) {
  if (!isObject(attempt)) return attempt;
  const { responses, ...rest } = attempt;
  return rest;
}

/** Each comment cut to an equal share of the room the rest leaves; "…" marks a cut. */
function shortenComments(progress, limit, size) {
  const evaluation = progress.record?.evaluation;
  if (!isObject(evaluation) || !isObject(evaluation.comments) || !Number.isFinite(limit)) return progress;
  const withComments = (comments) => ({ ...progress, record: { ...progress.record, evaluation: { ...evaluation, comments } } });
  const ids = Object.keys(evaluation.comments);
  const shortened = (room) => withComments(Object.fromEntries(ids.map((id) => [id, cut(String(evaluation.comments[id]), room)])));
  let room = Math.floor((limit - size(withComments(Object.fromEntries(ids.map((id) => [id, ""]))))) / Math.max(1, ids.length));
  let result = shortened(room);
  // Packing can add a character here and there (a learner's leading "~"): shrink until it fits.
  for (let over = size(result) - limit; over > 0 && room > 0; over = size(result) - limit) {
    room -= Math.max(1, Math.ceil(over / Math.max(1, ids.length)));
    result = shortened(room);
  }
  return result;
}

/** The longest start of `text` (whole characters) whose JSON form fits `room`, with "…" when cut. */
function cut(text, room) {
  if (JSON.stringify(text).length - 2 <= room) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) { // JSON escapes make a character cost 1 to 6: find the fit by bisection
    const middle = Math.ceil((low + high) / 2);
    if (JSON.stringify(chars.slice(0, middle).join("") + "…").length - 2 <= room) low = middle;
    else high = middle - 1;
  }
  return low ? chars.slice(0, low).join("") + "…" : "";
}

// ---------------------------------------------------------------- packing

function pack(words, { record, quizzes }) {
  const packedQuizzes = {};
  for (const [page, answers] of Object.entries(quizzes || {})) {
    const entries = Object.entries(answers || {});
    if (!entries.length) continue;
    packedQuizzes[packString(words, page)] = Object.fromEntries(entries.map(([id, answer]) =>
      [packString(words, id), packAnswer(words, answer)]));
  }
  return JSON.stringify([SUSPEND_VERSION, packValue(words, record), packedQuizzes]);
}

function packValue(words, value) {
  if (typeof value === "string") return packString(words, value);
  if (Array.isArray(value)) return value.map((item) => packValue(words, item));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [packString(words, key), packValue(words, item)]));
  }
  return value;
}

function unpackValue(words, value) {
  if (typeof value === "string") return unpackString(words, value) ?? value;
  if (Array.isArray(value)) return value.map((item) => unpackValue(words, item));
  if (isObject(value)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const name = unpackString(words, key);
      if (name !== undefined) out[name] = unpackValue(words, item); // a key of another build: dropped
    }
    return out;
  }
  return value;
}

function packString(words, text) {
  const token = words.encode.get(text);
  if (token !== undefined) return token;
  return text.startsWith(MARK) ? MARK + text : text;
}

/** The string a packed one stands for; undefined for a token this build does not know. */
function unpackString(words, text) {
  if (!text.startsWith(MARK)) return text;
  if (text.startsWith(MARK + MARK)) return text.slice(1);
  return words.decode.get(text);
}

function packAnswer(words, answer) {
  if (!isObject(answer)) return answer;
  let flags = (answer.answered === true ? ANSWERED : 0) | (answer.correct === true ? CORRECT : 0);
  if (typeof answer.firstTry === "boolean") flags |= FIRST_TRY_SET | (answer.firstTry ? FIRST_TRY : 0);
  const values = Array.isArray(answer.selectedValues) ? answer.selectedValues : [];
  return [flags, ...values.map((value) => (typeof value === "string" ? packString(words, value) : value))];
}

function unpackAnswer(words, packed) {
  if (!Array.isArray(packed) || !Number.isInteger(packed[0])) return packed; // refused later by the file check
  const [flags, ...values] = packed;
  const answer = {
    answered: Boolean(flags & ANSWERED),
    correct: Boolean(flags & CORRECT),
    selectedValues: values.map((value) => (typeof value === "string" ? unpackString(words, value) ?? value : value)),
  };
  if (flags & FIRST_TRY_SET) answer.firstTry = Boolean(flags & FIRST_TRY);
  return answer;
}

// ---------------------------------------------------------------- helpers

/** Every string the manifest holds (values, not keys) that is long enough to be worth a token. */
function manifestStrings(manifest) {
  const found = new Set();
  const walk = (value) => {
    if (typeof value === "string") {
      if (value.length >= MIN_MANIFEST_STRING && !value.startsWith(MARK)) found.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) Object.values(value).forEach(walk);
  };
  walk(manifest);
  return [...found].sort();
}

/** FNV-1a (32 bits) of the text's UTF-16 code units, 7 base-36 digits. */
export function hash36(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0");
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
