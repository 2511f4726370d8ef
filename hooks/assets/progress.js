// Where the learner is in the course: the progress panel on the course home,
// a position line and a "next step" link on every course page, and a notice
// when this browser cannot keep progress.
import {
  el, fill, exportProgress, href, importProgress, loadManifest, loadRecord, missingRequirements,
  moduleProgress, passedAttempt, bestAttempt, startOver, storageAvailable, pageUrl,
} from "./store.js";

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
  const panel = document.querySelector('[data-course-widget="progress"]');
  if (panel) renderPanel(panel, manifest);
  const steps = courseSteps(manifest);
  const here = steps.findIndex((step) => pageUrl(step.url).pathname === window.location.pathname);
  if (here >= 0 && content) renderPosition(content, manifest, steps, here);
  document.body.dataset.courseReady = "true";
}

function courseSteps(manifest) {
  const steps = manifest.modules.map((module, i) => ({ kind: "module", url: module.url, module,
    label: `Module ${i + 1} of ${manifest.modules.length}`, title: module.title }));
  if (manifest.post_test) steps.push({ kind: "post-test", url: manifest.post_test.url, title: manifest.post_test.title, label: "Post-test" });
  if (manifest.evaluation) steps.push({ kind: "evaluation", url: manifest.evaluation.url, title: manifest.evaluation.title, label: "Evaluation" });
  if (manifest.certificate) steps.push({ kind: "certificate", url: manifest.certificate.url, title: manifest.certificate.title, label: "Certificate" });
  return steps;
}

function stepDone(step, record) {
  if (step.kind === "module") return moduleProgress(step.module).state === "done";
  if (step.kind === "post-test") return Boolean(passedAttempt(record));
  if (step.kind === "evaluation") return Boolean(record.evaluation);
  return Boolean(record.certificate);
}

// ----------------------------------------------------------------------------
// Course home: the progress panel
// ----------------------------------------------------------------------------

function renderPanel(panel, manifest) {
  const record = loadRecord(manifest);
  const steps = courseSteps(manifest).filter((step) => step.kind !== "certificate");
  const done = steps.filter((step) => stepDone(step, record)).length;
  const next = courseSteps(manifest).find((step) => !stepDone(step, record));
  const list = el("ol", { class: "course-progress-list" });
  for (const step of steps) list.append(el("li", { "data-step": step.url }, el("a", { href: href(step.url) }, step.title), " — ", describe(step, record, manifest)));
  const missing = missingRequirements(manifest, record);
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
    const p = moduleProgress(step.module);
    if (p.state === "not-started") return "not started";
    if (p.state === "in-progress") return `in progress: ${p.answered} of ${p.total} questions answered`;
    return `knowledge check done: ${p.correct} of ${p.total} correct (${p.score}%)`;
  }
  if (step.kind === "post-test") {
    const passed = passedAttempt(record);
    if (passed) return `passed with ${passed.score}% on ${new Date(passed.at).toLocaleDateString()}`;
    const best = bestAttempt(record);
    return best ? `not passed yet: best score ${best.score}% (pass mark ${manifest.course.pass_mark}%)` : `not taken (pass mark ${manifest.course.pass_mark}%)`;
  }
  return record.evaluation ? `completed on ${new Date(record.evaluation.submittedAt).toLocaleDateString()}` : "not completed";
}

function transferControls(manifest, status) {
  // Opened only through the "Import" button, so it stays out of the page and the tab order.
  const fileInput = el("input", { type: "file", id: "course-import-file", accept: "application/json,.json", hidden: true });
  const exportButton = el("button", { type: "button", class: "md-button" }, "Export my progress");
  const importButton = el("button", { type: "button", class: "md-button" }, "Import progress from a file");
  const resetButton = el("button", { type: "button", class: "md-button course-danger" }, "Start over");
  exportButton.addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(exportProgress(manifest), null, 1)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `${manifest.course.id}-progress.json` });
    document.body.append(link);
    link.click();
    link.remove();
    status.textContent = "Your progress was saved to a file. Import it in another browser to continue there.";
  });
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch (error) {
      data = null;
    }
    let problem = data === null ? "This file could not be read as a progress file, so nothing was changed." : null;
    if (!problem && !window.confirm("Importing replaces the progress stored in this browser with the file's. Continue?")) return;
    if (!problem) {
      try {
        problem = importProgress(manifest, data);
      } catch (error) {
        problem = "This browser could not store the imported progress.";
      }
    }
    fileInput.value = "";
    if (problem) {
      status.textContent = problem;
      status.classList.add("course-error");
      return;
    }
    window.location.reload();
  });
  resetButton.addEventListener("click", () => {
    if (!window.confirm("Start over? This deletes all your answers, test results, evaluation and certificate in this browser.")) return;
    startOver(manifest);
    window.location.reload();
  });
  return el("div", { class: "course-transfer" }, exportButton, importButton, fileInput, resetButton);
}

// ----------------------------------------------------------------------------
// Course pages: position line and next step
// ----------------------------------------------------------------------------

function renderPosition(content, manifest, steps, here) {
  const step = steps[here];
  const position = content.querySelector("p.course-position") || el("p", { class: "course-position" });
  position.replaceChildren(`${step.label} · `);
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
