// The learner's course record: its shape, its defaults and the one check of it.
// Pure (no DOM, no storage): store.js reads and writes it, progress-file.js
// checks an imported one, the widgets read it.
//
// checkRecord() is used two ways:
// - strict, for an imported file: any problem rejects the whole file;
// - lenient, for what this browser holds: each damaged part falls back to its
//   default (a bad attempt is left out, a bad evaluation or certificate is
//   null), so a forged or corrupted entry can neither break a page nor reach it.
//
// Ids that this build does not know (questions, evaluation items) are checked
// for shape and then dropped, never rejected: question ids carry a fingerprint
// of the question, so every edit of a question changes its id, and a record
// made before the edit must stay usable.

import { checkPosition } from "./position.js";

export const RECORD_SCHEMA = 1;
export const CERTIFICATE_SCHEMA = 1;
export const LIMITS = {
  attempts: 1000,
  comment: 4000,
  name: 120,
  credential: 60,
  license: 60,
  licenseState: 60,
  email: 254,
  organizerText: 4000,
  replaces: 1000,
  id: 200,
};
const CERTIFICATE_NUMBER = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){1,15}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CONTROL = /\p{Cc}/u;
// The units a certificate's credit is counted in (coursekit/settings.py CREDIT_UNITS); absent on older certificates: CE hours.
const CREDIT_UNITS = ["ce-hours", "contact-hours", "ceus", "none"];

export function emptyRecord(manifest, now = new Date()) {
  return { schema: RECORD_SCHEMA, courseId: manifest.course.id, startedAt: now.toISOString(),
           postTest: { attempts: [] }, evaluation: null, certificate: null };
}

/** The fields a record is stored with, in a fixed order; anything else is left out. */
export function recordForStorage(record) {
  return { schema: RECORD_SCHEMA, courseId: record.courseId, startedAt: record.startedAt,
           postTest: { attempts: record.postTest.attempts }, evaluation: record.evaluation, certificate: record.certificate,
           ...(record.position ? { position: record.position } : {}), ...(record.modules ? { modules: record.modules } : {}) };
}

export function bestAttempt(record) {
  return record.postTest.attempts.reduce((best, a) => (!best || a.score > best.score ? a : best), null);
}

export function passedAttempt(record) {
  return record.postTest.attempts.find((attempt) => attempt.passed) || null;
}

// ---------------------------------------------------------------- value checks

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
export const isIsoTime = (value) => typeof value === "string" && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
export const isIsoDay = (value) => typeof value === "string" && ISO_DAY.test(value) && !Number.isNaN(Date.parse(value));
export const isText = (value, max) => typeof value === "string" && value.length <= max;
/** Learner text: bounded, one line, no control characters (as certificate.js's cleanInput stores it). */
const isLearnerText = (value, max) => isText(value, max) && !CONTROL.test(value);
const isCount = (value, min, max) => Number.isInteger(value) && value >= min && value <= max;

/** A short, printable form of a key read from a file, for a message. */
export function shown(key) {
  const text = String(key).replace(/\p{C}/gu, "?");
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Collects problems as readable paths ("record.postTest.attempts[2].score"). */
export class Problems {
  constructor() {
    this.list = [];
  }

  add(part, path) {
    this.list.push({ part, path });
  }

  get count() {
    return this.list.length;
  }
}

// ---------------------------------------------------------------- the record

/**
 * Check a record against the course manifest.
 * @returns {{record: object, problems: {part: string, path: string}[]}}
 *   `record` is always well formed: only known fields, each of the right type,
 *   damaged parts replaced by their defaults; `problems` says what was damaged.
 */
export function checkRecord(manifest, data) {
  const problems = new Problems();
  const record = emptyRecord(manifest);
  if (!isObject(data) || data.schema !== RECORD_SCHEMA || data.courseId !== manifest.course.id) {
    problems.add("record", "record");
    return { record, problems: problems.list };
  }
  if (isIsoTime(data.startedAt)) record.startedAt = data.startedAt;
  else problems.add("startedAt", "record.startedAt");

  if (isObject(data.postTest) && Array.isArray(data.postTest.attempts) && data.postTest.attempts.length <= LIMITS.attempts) {
    data.postTest.attempts.forEach((attempt, i) => {
      const path = `record.postTest.attempts[${i}]`;
      const clean = checkAttempt(manifest, attempt, path, problems);
      if (clean) record.postTest.attempts.push(clean);
    });
  } else {
    problems.add("postTest", "record.postTest.attempts");
  }

  if (data.evaluation !== null && data.evaluation !== undefined) {
    record.evaluation = checkEvaluation(manifest, data.evaluation, "record.evaluation", problems);
  }
  if (data.certificate !== null && data.certificate !== undefined) {
    record.certificate = checkCertificate(data.certificate, "record.certificate", problems);
  }
  if (data.modules !== undefined) record.modules = checkModuleStamps(manifest, data.modules, "record.modules", problems);
  // Where the learner was reading (position.js; optional: records made before it existed have none).
  if (data.position !== undefined && data.position !== null) {
    const { position, problem } = checkPosition(manifest, data.position);
    if (problem) problems.add("position", "record.position");
    else if (position) record.position = position;
  }
  return { record, problems: problems.list };
}

// ---------------------------------------------------------------- post-test attempts

function checkAttempt(manifest, attempt, path, problems) {
  const before = problems.count;
  const bad = (field) => problems.add("postTest", `${path}.${field}`);
  if (!isObject(attempt)) {
    problems.add("postTest", path);
    return null;
  }
  const { at, score, correct, total, passed } = attempt;
  if (!isIsoTime(at)) bad("at");
  if (!isCount(total, 1, 10_000)) bad("total");
  if (!isCount(correct, 0, Number.isInteger(total) ? total : 10_000)) bad("correct");
  if (!isCount(score, 0, 100) || (isCount(total, 1, 10_000) && score !== Math.round((100 * correct) / total))) bad("score");
  if (typeof passed !== "boolean") bad("passed");
  let responses;
  if (attempt.responses !== undefined) responses = checkResponses(manifest, attempt.responses, `${path}.responses`, problems);
  let drawn;
  if (attempt.drawn !== undefined) drawn = checkDrawn(manifest, attempt.drawn, `${path}.drawn`, problems);
  if (problems.count !== before) return null;
  const clean = { at, score, correct, total, passed };
  if (responses) clean.responses = responses;
  if (drawn) clean.drawn = drawn;
  return clean;
}

/** The question ids an attempt drew from the post-test's pool; ids of other builds are dropped. */
function checkDrawn(manifest, drawn, path, problems) {
  const ok = Array.isArray(drawn) && drawn.length <= 10_000 &&
    drawn.every((id) => isText(id, LIMITS.id)) && new Set(drawn).size === drawn.length;
  if (!ok) {
    problems.add("postTest", path);
    return null;
  }
  const known = new Set((manifest.post_test?.questions || []).map((q) => q.id));
  return drawn.filter((id) => known.has(id));
}

/** Chosen option indices by post-test question id; ids of other builds are dropped. */
function checkResponses(manifest, responses, path, problems) {
  if (!isObject(responses)) {
    problems.add("postTest", path);
    return null;
  }
  const questions = new Map((manifest.post_test?.questions || []).map((q) => [q.id, q]));
  const clean = {};
  for (const [id, chosen] of Object.entries(responses)) {
    const question = questions.get(id);
    const limit = question ? question.options : 1000;
    const ok = Array.isArray(chosen) && chosen.length >= 1 && chosen.every((i) => isCount(i, 0, limit - 1)) &&
      new Set(chosen).size === chosen.length && !(question?.type === "single" && chosen.length > 1);
    if (!ok) problems.add("postTest", `${path}.${shown(id)}`);
    else if (question) clean[id] = [...chosen];
  }
  return clean;
}

// ---------------------------------------------------------------- when each knowledge check was completed

/** {module slug: {completedAt}} (optional: records made before it existed have none); slugs of other builds are dropped. */
function checkModuleStamps(manifest, stamps, path, problems) {
  if (!isObject(stamps)) {
    problems.add("modules", path);
    return {};
  }
  const known = new Set(manifest.modules.map((module) => module.slug));
  const clean = {};
  for (const [slug, stamp] of Object.entries(stamps)) {
    if (!isObject(stamp) || !isIsoTime(stamp.completedAt)) problems.add("modules", `${path}.${shown(slug)}`);
    else if (known.has(slug)) clean[slug] = { completedAt: stamp.completedAt };
  }
  return clean;
}

// ---------------------------------------------------------------- evaluation

function checkEvaluation(manifest, evaluation, path, problems) {
  const before = problems.count;
  const bad = (field) => problems.add("evaluation", field ? `${path}.${field}` : path);
  if (!isObject(evaluation)) {
    bad();
    return null;
  }
  const form = manifest.evaluation;
  const scale = form ? form.scale.length : 0;
  const items = new Set((form?.items || []).map((item) => item.id));
  const prompts = new Set((form?.comments || []).map((item) => item.id));
  if (!isIsoTime(evaluation.submittedAt)) bad("submittedAt");
  const likert = {};
  const comments = {};
  if (isObject(evaluation.likert)) {
    for (const [id, value] of Object.entries(evaluation.likert)) {
      if (!isCount(value, 1, items.has(id) ? scale : 100)) bad(`likert.${shown(id)}`);
      else if (items.has(id)) likert[id] = value;
    }
  } else {
    bad("likert");
  }
  if (isObject(evaluation.comments)) {
    for (const [id, value] of Object.entries(evaluation.comments)) {
      if (!isText(value, LIMITS.comment)) bad(`comments.${shown(id)}`);
      else if (prompts.has(id)) comments[id] = value;
    }
  } else {
    bad("comments");
  }
  if (problems.count !== before || !form) return null; // a course without an evaluation keeps none
  return { submittedAt: evaluation.submittedAt, likert, comments };
}

// ---------------------------------------------------------------- certificate

function checkCertificate(c, path, problems) {
  const before = problems.count;
  const bad = (field) => problems.add("certificate", field ? `${path}.${field}` : path);
  if (!isObject(c)) {
    bad();
    return null;
  }
  const number = (value) => typeof value === "string" && CERTIFICATE_NUMBER.test(value);
  if (c.schema !== CERTIFICATE_SCHEMA) bad("schema");
  if (!number(c.number)) bad("number");
  if (!isIsoTime(c.issuedAt)) bad("issuedAt");
  if (!isIsoDay(c.completedOn)) bad("completedOn");
  if (!isLearnerText(c.name, LIMITS.name) || !c.name.trim()) bad("name");
  if (!isLearnerText(c.credential, LIMITS.credential)) bad("credential");
  if (!isLearnerText(c.license, LIMITS.license)) bad("license");
  // Optional learner fields (learner_fields in mkdocs.yml): absent on certificates of courses that do not ask for them.
  for (const field of ["licenseState", "email"]) {
    if (c[field] !== undefined && !isLearnerText(c[field], LIMITS[field])) bad(field);
  }
  const course = isObject(c.course) ? c.course : null;
  if (!course) bad("course");
  else {
    for (const field of ["id", "version", "title", "provider"]) {
      if (!isText(course[field], LIMITS.organizerText)) bad(`course.${field}`);
    }
    if ((course.accreditation ?? null) !== null && !isText(course.accreditation, LIMITS.organizerText)) bad("course.accreditation");
    if (typeof course.ceHours !== "number" || !Number.isFinite(course.ceHours) || course.ceHours < 0) bad("course.ceHours");
    if (course.creditUnit !== undefined && !CREDIT_UNITS.includes(course.creditUnit)) bad("course.creditUnit");
    // Optional (certificates issued before them have none): delivery format and the provider's contact.
    if (course.deliveryFormat !== undefined && !isText(course.deliveryFormat, LIMITS.organizerText)) bad("course.deliveryFormat");
    if (course.contact !== undefined && !(isObject(course.contact) && ["email", "url"].every((key) =>
      course.contact[key] === undefined || isText(course.contact[key], LIMITS.organizerText)))) bad("course.contact");
  }
  const signer = isObject(c.signer) ? c.signer : null;
  if (!signer || !isText(signer.name, LIMITS.organizerText) || !isText(signer.title, LIMITS.organizerText) ||
      !["credentials", "signature"].every((key) => signer[key] === undefined || isText(signer[key], LIMITS.organizerText))) bad("signer");
  const test = c.postTest;
  if (test !== null && !(isObject(test) && isCount(test.total, 1, 10_000) && isCount(test.correct, 0, test.total) &&
                          isCount(test.score, 0, 100) && isIsoTime(test.at))) bad("postTest");
  const replaces = c.replaces === undefined ? [] : c.replaces;
  if (!Array.isArray(replaces) || replaces.length > LIMITS.replaces || !replaces.every(number)) bad("replaces");
  if (problems.count !== before) return null;
  return {
    schema: CERTIFICATE_SCHEMA, number: c.number, issuedAt: c.issuedAt, completedOn: c.completedOn,
    name: c.name, credential: c.credential, license: c.license,
    ...(c.licenseState === undefined ? {} : { licenseState: c.licenseState }), ...(c.email === undefined ? {} : { email: c.email }),
    course: { id: course.id, version: course.version, title: course.title, ceHours: course.ceHours,
              ...(course.creditUnit === undefined ? {} : { creditUnit: course.creditUnit }),
              provider: course.provider, accreditation: course.accreditation ?? null,
              ...(course.deliveryFormat === undefined ? {} : { deliveryFormat: course.deliveryFormat }),
              ...(course.contact === undefined ? {} : { contact: { ...(course.contact.email === undefined ? {} : { email: course.contact.email }),
                                                                   ...(course.contact.url === undefined ? {} : { url: course.contact.url }) } }) },
    // The signature path is shown only if it is an image of this site (certificate-model.js signatureUrl).
    signer: { name: signer.name, title: signer.title, ...(signer.credentials === undefined ? {} : { credentials: signer.credentials }),
              ...(signer.signature === undefined ? {} : { signature: signer.signature }) },
    postTest: test === null ? null : { score: test.score, correct: test.correct, total: test.total, at: test.at },
    replaces: [...replaces],
  };
}
