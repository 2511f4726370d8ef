// Where the learner is in the course: the course home's next action, module
// cards and progress panel, a position line and a "next step" link on every
// course page, ticks in the navigation, the reading position, and a notice
// when this browser cannot keep progress. The steps and what the certificate
// needs come from requirements.js (through store.js); the next action from next-action.js.
import { el, fill, saveFile } from "./dom.js";
import { scorePercent } from "./grade.js";
import { courseTranslator } from "./i18n.js";
import { showNavProgress } from "./nav-progress.js";
import { actionHref, nextAction, stepName, stepState } from "./next-action.js";
import { validateProgressFile } from "./progress-file.js";
import { watchReading } from "./reading-position.js";
import { positionUrls } from "./position.js";
import {
  bestAttempt, exportProgress, href, loadManifest, loadRecord, moduleProgress, pageUrl, passedAttempt, requirements,
  startOver, steps as courseSteps, storageAvailable, watchKnowledgeCheck, writeProgress,
} from "./store.js";

const IMPORT_LIMIT = 5 * 1024 * 1024; // an export of a whole course is a few kilobytes

let tr = null; // the course's translator (i18n.js), set by mount

export async function mount(document) {
  const manifest = await loadManifest();
  tr = courseTranslator(manifest);
  const content = document.querySelector(".md-content__inner");
  if (!storageAvailable() && content) {
    content.prepend(el("div", { class: "admonition warning course-storage-warning", role: "alert" },
      el("p", { class: "admonition-title" }, tr.t("storage.warning.title")),
      el("p", {}, tr.t("storage.warning.text"))));
  }
  const here = window.location.pathname;
  // When this page's knowledge check gets completed, for the completion record (mkdocs-quiz keeps no times).
  const module = manifest.modules.find((m) => pageUrl(m.url).pathname === here);
  if (module) watchKnowledgeCheck(manifest, module);
  const record = loadRecord(manifest);
  const steps = courseSteps(manifest, record);
  const panel = document.querySelector('[data-course-widget="progress"]');
  if (panel) renderPanel(panel, manifest, record, steps);
  const index = steps.findIndex((step) => pageUrl(step.url).pathname === here);
  if (index >= 0 && content) renderPosition(content, steps, index);
  showProgress(document, manifest, record, steps);
  keepInStep(document, manifest);
  // Reading position: on the course's pages (not the certificate), for the course home's "Continue".
  const reading = positionUrls(manifest).find((url) => pageUrl(url).pathname === here);
  if (reading && storageAvailable()) watchReading(document, manifest, reading, record.position || null);
  document.body.dataset.courseReady = "true";
}

/** Everything that shows the learner's state: the navigation, and on the course home the next action and module cards. */
function showProgress(document, manifest, record, steps) {
  showNavProgress(document, steps, record, tr.t);
  const overview = document.querySelector('[data-course-widget="overview"]');
  if (overview) renderNextAction(overview, steps, record);
  for (const card of document.querySelectorAll(".course-module[data-course-step]")) {
    const step = steps.find((s) => s.url === card.dataset.courseStep);
    const status = card.querySelector(".course-step-status");
    if (!step || !status) continue;
    fill(status, el("span", { class: "course-status-icon", "data-state": stepState(step, record), "aria-hidden": "true" }),
      describe(step, record, manifest));
  }
}

/** Keep the marks in step with what the learner does on this page, in another tab, or before Back. */
function keepInStep(document, manifest) {
  const refresh = (withPanel = false) => {
    const record = loadRecord(manifest);
    const steps = courseSteps(manifest, record);
    showProgress(document, manifest, record, steps);
    const panel = document.querySelector('[data-course-widget="progress"]');
    if (withPanel && panel) renderPanel(panel, manifest, record, steps);
  };
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      refresh();
    }, 50);
  };
  window.addEventListener("quizProgressUpdate", soon); // a knowledge check answered (mkdocs-quiz)
  document.addEventListener("submit", soon); // the post-test, the evaluation, the certificate form
  window.addEventListener("storage", soon); // another tab of the course
  window.addEventListener("pageshow", (event) => { // back to a page kept in the back-forward cache
    if (event.persisted) refresh(true);
  });
}

/** " (optional)" after a step the certificate does not need; the certificate step itself is the goal. */
function optionalMark(step) {
  return step.required || step.kind === "certificate" ? null : el("span", { class: "course-optional" }, ` ${tr.t("position.optional")}`);
}

// ----------------------------------------------------------------------------
// Course home: the progress panel
// ----------------------------------------------------------------------------

function renderPanel(panel, manifest, record, allSteps) {
  const steps = allSteps.filter((step) => step.kind !== "certificate");
  const done = steps.filter((step) => step.done).length;
  const next = nextAction(allSteps, record);
  const list = el("ol", { class: "course-progress-list" });
  for (const step of steps) {
    list.append(el("li", { "data-step": step.url }, el("a", { href: href(step.url) }, step.title), optionalMark(step),
      " — ", describe(step, record, manifest)));
  }
  const missing = requirements(manifest, record).missing;
  const status = el("p", { class: "course-form-status", role: "status", "aria-live": "polite" });
  const { t, plural } = tr;
  const counts = { done, total: steps.length };
  fill(panel,
    el("p", { class: "course-progress-summary" }, el("label", { for: "course-progress-bar" }, plural("progress.summary", steps.length, counts)), " ",
      el("progress", { id: "course-progress-bar", max: steps.length, value: done }, t("progress.bar", counts))),
    next && (next.kind === "start" || next.kind === "continue") ? el("p", { class: "course-continue" },
      el("a", { href: actionHref(next, href) }, t(next.kind === "start" ? "progress.start" : "progress.continue", { title: next.step.title }))) : null,
    list,
    el("p", {}, `${missing.length ? plural("progress.certificate.left", missing.length, { count: missing.length }) : t("progress.certificate.ready")} `,
      manifest.certificate ? el("a", { href: href(manifest.certificate.url) }, t("progress.certificate.link")) : null),
    transferControls(manifest, status),
    status,
  );
}

function describe(step, record, manifest) {
  const { t, plural, percent, date } = tr;
  if (step.kind === "module") {
    const p = step.progress;
    if (p.state === "not-started") return t("progress.module.not_started");
    if (p.state === "in-progress") return plural("progress.module.in_progress", p.total, { answered: p.answered, total: p.total });
    return t("progress.module.done", { correct: p.correct, total: p.total, score: percent(p.score) });
  }
  if (step.kind === "post-test") {
    const mark = manifest.course.pass_mark;
    const score = (attempt) => percent(scorePercent(attempt.correct, attempt.total, mark));
    const passed = passedAttempt(record);
    if (passed) return t("progress.post_test.passed", { score: score(passed), date: date(passed.at) });
    const best = bestAttempt(record);
    return best ? t("progress.post_test.not_passed", { score: score(best), pass_mark: percent(mark) })
      : t("progress.post_test.not_taken", { pass_mark: percent(mark) });
  }
  return record.evaluation ? t("progress.evaluation.done", { date: date(record.evaluation.submittedAt) }) : t("progress.evaluation.not_done");
}

function transferControls(manifest, status) {
  // Opened only through the "Import" button, so it stays out of the page and the tab order.
  const fileInput = el("input", { type: "file", id: "course-import-file", accept: "application/json,.json", hidden: true });
  const { t } = tr;
  const exportButton = el("button", { type: "button", class: "md-button" }, t("transfer.export"));
  const importButton = el("button", { type: "button", class: "md-button" }, t("transfer.import"));
  const resetButton = el("button", { type: "button", class: "md-button course-danger" }, t("transfer.start_over"));
  const say = (message, isError = false) => {
    status.textContent = message;
    status.classList.toggle("course-error", isError);
  };
  exportButton.addEventListener("click", () => {
    saveFile(JSON.stringify(exportProgress(manifest), null, 1), "application/json", `${manifest.course.id}-progress.json`);
    say(t("transfer.exported"));
  });
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    const problem = await importFile(manifest, file);
    fileInput.value = "";
    if (problem === "cancelled") say(t("transfer.import.cancelled"));
    else if (problem) say(problem, true);
    else window.location.reload();
  });
  resetButton.addEventListener("click", () => {
    if (!window.confirm(t("transfer.start_over.confirm"))) return;
    try {
      startOver(manifest);
    } catch (error) {
      say(t("transfer.start_over.blocked"), true);
      return;
    }
    window.location.reload();
  });
  return el("div", { class: "course-transfer" }, exportButton, importButton, fileInput, resetButton);
}

/** Check the whole file, then ask, then write: returns a message, "cancelled", or null once written. */
async function importFile(manifest, file) {
  const { t } = tr;
  if (file.size > IMPORT_LIMIT) return t("transfer.import.too_large");
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch (error) {
    return t("transfer.import.unreadable");
  }
  const checked = validateProgressFile(manifest, data);
  if (!checked.ok) return checked.message;
  if (!window.confirm(t("transfer.import.confirm"))) return "cancelled";
  try {
    writeProgress(manifest, checked);
  } catch (error) {
    return t("transfer.import.not_stored");
  }
  return null;
}

// ----------------------------------------------------------------------------
// Course home: the one next action (Start, Continue, Get your certificate)
// ----------------------------------------------------------------------------

const ACTION_TEXT = {
  start: (t) => t("home.start"),
  continue: (t) => t("home.continue"),
  certificate: (t) => t("home.certificate"),
  "view-certificate": (t) => t("home.certificate.view"),
  review: (t) => t("home.review"),
};

function renderNextAction(overview, steps, record) {
  const action = nextAction(steps, record);
  const box = overview.querySelector(".course-next-action");
  if (!action || !box) return;
  const { t, date } = tr;
  const button = box.querySelector(".course-next-button");
  button.textContent = ACTION_TEXT[action.kind](t);
  button.href = actionHref(action, href);
  button.dataset.action = action.kind;
  let where = stepName(action.step, t);
  if (action.kind === "continue" && action.section && action.heading) where = t("home.where.section", { step: where, section: action.heading });
  if (action.kind === "certificate") where = t("home.where.ready");
  if (action.kind === "view-certificate") where = record.certificate ? t("home.where.issued", { date: date(record.certificate.issuedAt) }) : "";
  if (action.kind === "review") where = t("home.where.review");
  box.querySelector(".course-next-where").textContent = where;
}

// ----------------------------------------------------------------------------
// Course pages: position line and next step
// ----------------------------------------------------------------------------

function renderPosition(content, steps, here) {
  const step = steps[here];
  const position = content.querySelector("p.course-position") || el("p", { class: "course-position" });
  position.replaceChildren(step.label);
  const mark = optionalMark(step);
  if (mark) position.append(mark);
  position.append(" · ");
  if (step.kind === "module") {
    const line = el("span", { class: "course-module-status", "aria-live": "polite" });
    const update = () => {
      const p = moduleProgress(step.module);
      line.textContent = tr.t("position.knowledge_check", { answered: p.answered, total: p.total });
    };
    update();
    window.addEventListener("quizProgressUpdate", update);
    position.append(line, " · ");
  }
  position.append(el("a", { href: href("") }, tr.t("position.course_progress")));
  if (!position.isConnected) content.prepend(position);
  const next = steps[here + 1];
  if (next) {
    content.append(el("nav", { class: "course-next", "aria-label": tr.t("position.next.label") },
      el("span", {}, `${tr.t("position.next.text")} `), el("a", { href: href(next.url) }, stepName(next, tr.t))));
  }
}
