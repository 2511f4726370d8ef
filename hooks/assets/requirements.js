// The course's steps and the certificate's requirements: the one definition,
// pure (no DOM, no storage). The caller passes in the record and the state of
// each module's knowledge check (store.js reads them), so the rules can be
// tested on their own.
//
// Steps follow the course order: the modules, then the post-test, the
// evaluation and the certificate, each only when the course has that page.
// `manifest.course.requirements` says which steps the certificate needs; a
// step that is not required is shown as optional and never blocks it.

import { courseTranslator } from "./i18n.js";
import { isObject, passedAttempt } from "./record.js";

/** The state of one module's knowledge check from its stored answers, counting only this build's quiz ids. */
export function knowledgeCheckState(module, stored) {
  const answers = isObject(stored) ? stored : {};
  const total = module.quizzes.length;
  let answered = 0;
  let correct = 0;
  for (const id of module.quizzes) {
    const entry = Object.hasOwn(answers, id) ? answers[id] : null;
    if (isObject(entry) && entry.answered === true) {
      answered += 1;
      if (entry.correct === true) correct += 1;
    }
  }
  const state = answered === total ? "done" : answered === 0 ? "not-started" : "in-progress";
  return { total, answered, correct, state, score: total ? Math.round((100 * correct) / total) : 0 };
}

/** Which kinds of step the certificate needs (a kind the course has no page for needs nothing). */
export function requiredKinds(manifest) {
  const needs = manifest.course.requirements || {};
  return {
    module: needs.modules !== false,
    "post-test": needs.post_test !== false && Boolean(manifest.post_test),
    evaluation: needs.evaluation !== false && Boolean(manifest.evaluation),
    certificate: false, // the certificate is the goal, not a requirement
  };
}

/**
 * Every step of the course in order, each with whether it is required and done,
 * and the text that says so (`text`: what is done, or what to do).
 * @param moduleStates  module url -> knowledgeCheckState(...)
 */
export function courseSteps(manifest, record, moduleStates = {}) {
  const required = requiredKinds(manifest);
  const { t, percent } = courseTranslator(manifest);
  const steps = manifest.modules.map((module, i) => {
    const progress = moduleStates[module.url] || knowledgeCheckState(module, null);
    const done = progress.state === "done";
    return step("module", module, t("steps.module.label", { number: i + 1, total: manifest.modules.length }), required, done,
      t(done ? "steps.module.done" : "steps.module.todo", { title: module.title }), { module, progress });
  });
  if (manifest.post_test) {
    const passed = passedAttempt(record);
    steps.push(step("post-test", manifest.post_test, t("steps.post_test.label"), required, Boolean(passed),
      passed ? t("steps.post_test.done", { score: percent(passed.score) })
        : t("steps.post_test.todo", { pass_mark: percent(manifest.course.pass_mark) })));
  }
  if (manifest.evaluation) {
    const done = Boolean(record.evaluation);
    steps.push(step("evaluation", manifest.evaluation, t("steps.evaluation.label"), required, done,
      t(done ? "steps.evaluation.done" : "steps.evaluation.todo")));
  }
  if (manifest.certificate) {
    const done = Boolean(record.certificate);
    steps.push(step("certificate", manifest.certificate, t("steps.certificate.label"), required, done,
      t(done ? "steps.certificate.done" : "steps.certificate.todo")));
  }
  return steps;
}

function step(kind, page, label, required, done, text, extra = {}) {
  return { kind, url: page.url, title: page.title, label, required: required[kind], done, text, ...extra };
}

/**
 * The certificate's requirements: `items` (required steps, done or not),
 * `optional` (steps shown as optional) and `missing` ({text, url} of each
 * required step not done yet). The certificate can be issued when `missing` is empty.
 */
export function certificateRequirements(manifest, record, moduleStates = {}) {
  const steps = courseSteps(manifest, record, moduleStates).filter((s) => s.kind !== "certificate");
  const entry = (s) => ({ done: s.done, text: s.text, url: s.url });
  const items = steps.filter((s) => s.required).map(entry);
  const optional = steps.filter((s) => !s.required).map(entry);
  const missing = items.filter((item) => !item.done).map(({ text, url }) => ({ text, url }));
  return { items, optional, missing };
}
