// Where the learner is in the course: the progress panel on the course home,
// a position line and a "next step" link on every course page, and a notice
// when this browser cannot keep progress. The steps and what the certificate
// needs come from requirements.js (through store.js).
import { el, fill, saveFile } from "./dom.js";
import { scoreText } from "./grade.js";
import { validateProgressFile } from "./progress-file.js";
import {
  bestAttempt, exportProgress, href, loadManifest, loadRecord, moduleProgress, pageUrl, passedAttempt, requirements,
  startOver, steps as courseSteps, storageAvailable, writeProgress,
} from "./store.js";

const IMPORT_LIMIT = 5 * 1024 * 1024; // an export of a whole course is a few kilobytes

export async function mount(document) {
  const manifest = await loadManifest();
  const content = document.querySelector(".md-content__inner");
  if (!storageAvailable() && content) {
    content.prepend(el("div", { class: "admonition warning course-storage-warning", role: "alert" },
      el("p", { class: "admonition-title" }, "Progress cannot be saved in this browser"),
      el("p", {}, "This browser is blocking local storage (for example in a private window or under a strict policy). " +
        "You can read the whole course, but answers, test results and the certificate cannot be kept. " +
        "Open the course in a normal window to record your progress.")));
  }
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
  return step.required || step.kind === "certificate" ? null : el("span", { class: "course-optional" }, " (optional)");
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
  fill(panel,
    el("p", { class: "course-progress-summary" }, el("label", { for: "course-progress-bar" }, `${done} of ${steps.length} steps complete`), " ",
      el("progress", { id: "course-progress-bar", max: steps.length, value: done }, `${done} of ${steps.length}`)),
    next ? el("p", {}, el("a", { class: "md-button md-button--primary course-continue", href: href(next.url) },
      done === 0 ? `Start: ${next.title}` : `Continue where you left off: ${next.title}`)) : null,
    list,
    el("p", {}, missing.length ? `Certificate: ${missing.length} requirement${missing.length > 1 ? "s" : ""} left. ` : "Certificate: all requirements met. ",
      manifest.certificate ? el("a", { href: href(manifest.certificate.url) }, "Go to the certificate page") : null),
    transferControls(manifest, status),
    status,
  );
}

function describe(step, record, manifest) {
  if (step.kind === "module") {
    const p = step.progress;
    if (p.state === "not-started") return "not started";
    if (p.state === "in-progress") return `in progress: ${p.answered} of ${p.total} questions answered`;
    return `knowledge check done: ${p.correct} of ${p.total} correct (${p.score}%)`;
  }
  if (step.kind === "post-test") {
    const mark = manifest.course.pass_mark;
    const passed = passedAttempt(record);
    if (passed) return `passed with ${scoreText(passed.correct, passed.total, mark)} on ${new Date(passed.at).toLocaleDateString()}`;
    const best = bestAttempt(record);
    return best ? `not passed yet: best score ${scoreText(best.correct, best.total, mark)} (pass mark ${mark}%)` : `not taken (pass mark ${mark}%)`;
  }
  return record.evaluation ? `completed on ${new Date(record.evaluation.submittedAt).toLocaleDateString()}` : "not completed";
}

function transferControls(manifest, status) {
  // Opened only through the "Import" button, so it stays out of the page and the tab order.
  const fileInput = el("input", { type: "file", id: "course-import-file", accept: "application/json,.json", hidden: true });
  const exportButton = el("button", { type: "button", class: "md-button" }, "Export my progress");
  const importButton = el("button", { type: "button", class: "md-button" }, "Import progress from a file");
  const resetButton = el("button", { type: "button", class: "md-button course-danger" }, "Start over");
  const say = (message, isError = false) => {
    status.textContent = message;
    status.classList.toggle("course-error", isError);
  };
  exportButton.addEventListener("click", () => {
    saveFile(JSON.stringify(exportProgress(manifest), null, 1), "application/json", `${manifest.course.id}-progress.json`);
    say("Your progress was saved to a file. Import it in another browser to continue there.");
  });
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    const problem = await importFile(manifest, file);
    fileInput.value = "";
    if (problem === "cancelled") say("Import cancelled: nothing was changed.");
    else if (problem) say(problem, true);
    else window.location.reload();
  });
  resetButton.addEventListener("click", () => {
    if (!window.confirm("Start over? This deletes all your answers, test results, evaluation and certificate in this browser.")) return;
    try {
      startOver(manifest);
    } catch (error) {
      say("Nothing was deleted: this browser is blocking storage, so it holds no progress of this course to delete.", true);
      return;
    }
    window.location.reload();
  });
  return el("div", { class: "course-transfer" }, exportButton, importButton, fileInput, resetButton);
}

/** Check the whole file, then ask, then write: returns a message, "cancelled", or null once written. */
async function importFile(manifest, file) {
  if (file.size > IMPORT_LIMIT) return "This file is too large to be a progress file, so nothing was changed.";
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch (error) {
    return "This file could not be read as a progress file, so nothing was changed.";
  }
  const checked = validateProgressFile(manifest, data);
  if (!checked.ok) return checked.message;
  if (!window.confirm("Importing replaces the progress stored in this browser with the file's. Continue?")) return "cancelled";
  try {
    writeProgress(manifest, checked);
  } catch (error) {
    return "This browser could not store the imported progress (storage is blocked or full), so nothing was changed.";
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
      line.textContent = `Knowledge check: ${p.answered} of ${p.total} answered`;
    };
    update();
    window.addEventListener("quizProgressUpdate", update);
    position.append(line, " · ");
  }
  position.append(el("a", { href: href("") }, "Course progress"));
  if (!position.isConnected) content.prepend(position);
  const next = steps[here + 1];
  if (next) {
    content.append(el("nav", { class: "course-next", "aria-label": "Next step" },
      el("span", {}, "Next step: "), el("a", { href: href(next.url) }, `${next.label}: ${next.title}`)));
  }
}
