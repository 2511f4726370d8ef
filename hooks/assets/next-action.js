// The course home's one next action, and how a step is named: pure (no DOM, no storage).
//
// From the course's steps (requirements.js's courseSteps) and the learner's
// record (its reading position among them):
// - "view-certificate": the certificate is issued;
// - "certificate": every required step is done and the course has a certificate page;
// - "start": nothing done, answered, attempted or read yet: the first step;
// - "continue": the page last read, at the section last read, while its step is not
//   done; once it is done, the next step not done after it (course order, then from the top);
// - "review": everything is done and there is no certificate page: back to the first step.

/** The action: {kind, step, url (a manifest url), section (a heading id or null), heading}. */
export function nextAction(steps, record) {
  const certificate = steps.find((step) => step.kind === "certificate") || null;
  const course = steps.filter((step) => step.kind !== "certificate");
  const at = (kind, step, section = null, heading = null) => ({ kind, step, url: step.url, section, heading });
  if (certificate && certificate.done) return at("view-certificate", certificate);
  const missing = course.filter((step) => step.required && !step.done);
  if (certificate && missing.length === 0) return at("certificate", certificate);
  if (!course.length) return certificate ? at("certificate", certificate) : null;

  const position = record?.position || null;
  const here = position ? course.findIndex((step) => step.url === position.url) : -1;
  if (!hasBegun(course, record, here)) return at("start", course[0]);
  if (here >= 0 && !course[here].done) return at("continue", course[here], position.section || null, position.heading || null);
  const after = [...course.slice(here + 1), ...course.slice(0, here + 1)];
  const next = after.find((step) => step.required && !step.done) || after.find((step) => !step.done);
  return next ? at("continue", next) : at("review", course[0]);
}

/** Whether the learner has done anything yet: a step done or begun, a test taken, a page read. */
function hasBegun(steps, record, positionIndex) {
  return positionIndex >= 0 || (record?.postTest?.attempts?.length ?? 0) > 0 ||
    steps.some((step) => step.done || step.progress?.state === "in-progress");
}

/**
 * A step's name for links: "Module 2 of 6: The evidence", but only "Post-test" when the
 * page's title already says what the label says (no "Post-test: Post-test").
 * `t` is the course translator's text function (i18n.js).
 */
export function stepName(step, t) {
  if (sayTheSame(step.label, step.title)) return step.title;
  return t("position.next.link", { label: step.label, title: step.title });
}

function sayTheSame(label, title) {
  const words = (text) => String(text).toLocaleLowerCase().replace(/[\p{P}\p{S}]+/gu, " ").trim();
  const a = words(label);
  const b = words(title);
  return a === b || (a.length > 0 && ` ${b} `.includes(` ${a} `));
}

/** The page to open for an action: its url with the section as the fragment. */
export function actionHref(action, resolve) {
  const url = resolve(action.url);
  return action.section ? `${url.split("#")[0]}#${encodeURIComponent(action.section)}` : url;
}

/**
 * A step's state for its status marks: "done"; "in-progress" (a knowledge check begun, a post-test
 * taken but not passed yet); "todo".
 */
export function stepState(step, record) {
  if (step.done) return "done";
  if (step.kind === "module" && step.progress?.state === "in-progress") return "in-progress";
  if (step.kind === "post-test" && (record?.postTest?.attempts?.length ?? 0) > 0) return "in-progress";
  return "todo";
}
