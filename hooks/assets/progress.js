// Where the learner is in the course: the progress panel on the course home,
// a position line and a "next step" link on every course page, and a notice
// when this browser cannot keep progress. The steps and what the certificate
// needs come from requirements.js (through store.js).
import { el, fill, saveFile } from "./dom.js";
import { scorePercent } from "./grade.js";
import { courseTranslator } from "./i18n.js";
import { validateProgressFile } from "./progress-file.js";
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
  // When this page's knowledge check gets completed, for the completion record (mkdocs-quiz keeps no times).
  const module = manifest.modules.find((m) => pageUrl(m.url).pathname === window.location.pathname);
  if (module) watchKnowledgeCheck(manifest, module);
  const record = loadRecord(manifest);
  const steps = courseSteps(manifest, record);
  const panel = document.querySelector('[data-course-widget="progress"]');
  if (panel) renderPanel(panel, manifest, record, steps);
  const here = steps.findIndex((step) => pageUrl(step.url).pathname === window.location.pathname);
  if (here >= 0 && content) renderPosition(content, steps, here);
  document.body.dataset.courseReady = "true";
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
  const next = allSteps.find((step) => !step.done);
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
    next ? el("p", {}, el("a", { class: "md-button md-button--primary course-continue", href: href(next.url) },
      t(done === 0 ? "progress.start" : "progress.continue", { title: next.title }))) : null,
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
      el("span", {}, `${tr.t("position.next.text")} `), el("a", { href: href(next.url) }, tr.t("position.next.link", { label: next.label, title: next.title }))));
  }
}
