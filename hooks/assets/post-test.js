// The post-test: answer everything, then see the score and pass or fail.
// No item is marked while the test is in progress, and a failed attempt
// never reveals the correct answers; a retake starts from a clean form.
// Grading is grade.js's, keyed by question id (each fieldset's id); every
// attempt keeps its responses so that it can be graded again. When the bank
// draws from a pool (`draw:`), each attempt shows a fresh balanced draw
// (draw.js) and keeps the ids it drew; only those questions are graded.
import { el, fill } from "./dom.js";
import { drawQuestions } from "./draw.js";
import { gradePostTest, scorePercent } from "./grade.js";
import { courseTranslator } from "./i18n.js";
import { href, loadManifest, loadRecord, passedAttempt, saveRecord } from "./store.js";

export async function mount(document) {
  const form = document.querySelector("form.course-post-test");
  if (!form) return;
  const manifest = await loadManifest();
  const status = form.querySelector(".course-form-status");
  const result = el("div", { class: "course-result", tabindex: "-1" });
  const history = el("div", { class: "course-attempts" });
  form.before(result);
  form.after(history);
  showHistory(history, manifest);
  shuffleOptions(form);
  drawAttempt(form, manifest);

  form.dataset.ready = "true"; // for tests and styles: the form is live
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fieldsets = drawnFieldsets(form);
    const unanswered = fieldsets.filter((set) => !set.querySelector("input:checked"));
    fieldsets.forEach((set) => set.toggleAttribute("aria-invalid", unanswered.includes(set)));
    if (unanswered.length) {
      status.textContent = courseTranslator(manifest).t("post_test.unanswered", { missing: unanswered.length, total: fieldsets.length });
      unanswered[0].querySelector("input").focus();
      return;
    }
    const responses = Object.fromEntries(fieldsets.map((set) =>
      [set.id, Array.from(set.querySelectorAll("input:checked"), (input) => Number(input.value)).sort((a, b) => a - b)]));
    const drawn = fieldsets.map((set) => set.id);
    const questions = manifest.post_test.questions.filter((question) => drawn.includes(question.id));
    const grade = gradePostTest(questions, responses, manifest.course.pass_mark);
    const attempt = { at: new Date().toISOString(), score: grade.score, correct: grade.correct, total: grade.total,
                      passed: grade.passed, responses, drawn };
    let saved = true;
    try {
      const record = loadRecord(manifest);
      record.postTest.attempts.push(attempt);
      saveRecord(manifest, record);
    } catch (error) {
      saved = false;
    }
    showResult(result, form, manifest, attempt, saved);
    showHistory(history, manifest);
  });
}

// The questions of one attempt: with a `draw`, a fresh balanced draw from the pool
// (draw.js); the others are hidden and disabled, so they are neither answered nor
// graded, and the shown ones are numbered 1..n. Without a `draw`, every question.
function drawAttempt(form, manifest) {
  const test = manifest.post_test;
  if (test.draw === null || test.draw === undefined) return;
  const drawn = new Set(drawQuestions(test.questions, test.draw));
  const fieldsets = Array.from(form.querySelectorAll("fieldset.course-question"));
  for (const set of fieldsets) {
    set.hidden = !drawn.has(set.id);
    set.disabled = !drawn.has(set.id);
  }
  const shown = drawnFieldsets(form);
  shown.forEach((set, index) => {
    const number = set.querySelector(".course-question-number");
    if (number) number.textContent = courseTranslator(manifest).t("post_test.number", { number: index + 1, total: shown.length });
  });
}

function drawnFieldsets(form) {
  return Array.from(form.querySelectorAll("fieldset.course-question:not([hidden])"));
}

// Options appear in a fresh random order for each attempt; each input keeps its
// bank index as value, so grading against the manifest key is unaffected.
function shuffleOptions(form) {
  for (const fieldset of form.querySelectorAll("fieldset.course-question")) {
    const options = Array.from(fieldset.querySelectorAll(".course-option"));
    for (let i = options.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [options[i], options[j]] = [options[j], options[i]];
    }
    options.forEach((option) => fieldset.append(option));
  }
}

function showResult(result, form, manifest, attempt, saved) {
  form.querySelectorAll("input, button[type=submit]").forEach((input) => { input.disabled = true; });
  form.querySelector(".course-form-status").textContent = "";
  const { t, plural, percent } = courseTranslator(manifest);
  const mark = manifest.course.pass_mark;
  const summary = plural("post_test.summary", attempt.total, { correct: attempt.correct, total: attempt.total,
    score: percent(scorePercent(attempt.correct, attempt.total, mark)), pass_mark: percent(mark) });
  const retake = el("button", { type: "button", class: "md-button" }, t("post_test.retake"));
  retake.addEventListener("click", () => {
    form.reset();
    form.querySelectorAll("input, button[type=submit]").forEach((input) => { input.disabled = false; });
    form.querySelectorAll("fieldset").forEach((set) => set.removeAttribute("aria-invalid"));
    result.replaceChildren();
    shuffleOptions(form);
    drawAttempt(form, manifest);
    drawnFieldsets(form)[0]?.querySelector("input")?.focus();
  });
  const next = manifest.evaluation || manifest.certificate;
  result.className = `course-result admonition ${attempt.passed ? "success" : "failure"}`;
  fill(result,
    el("p", { class: "admonition-title" }, t(attempt.passed ? "post_test.passed" : "post_test.failed")),
    el("p", { role: "status" }, summary),
    saved ? null : el("p", { class: "course-not-saved course-error", role: "alert" }, t("post_test.not_saved")),
    attempt.passed
      ? el("p", {}, next ? el("a", { href: href(next.url) }, t("next_step", { title: next.title })) : null)
      : el("p", {}, t("post_test.review")),
    el("p", {}, retake),
  );
  result.focus();
}

function showHistory(history, manifest) {
  const record = loadRecord(manifest);
  const attempts = record.postTest.attempts;
  if (!attempts.length) {
    history.replaceChildren();
    return;
  }
  const passed = passedAttempt(record);
  const { t, percent, dateTime } = courseTranslator(manifest);
  const score = (a) => percent(scorePercent(a.correct, a.total, manifest.course.pass_mark));
  fill(history,
    el("h2", { id: "your-attempts" }, t("post_test.attempts.title")),
    passed ? el("p", {}, t("post_test.attempts.passed_on", { date: dateTime(passed.at), score: score(passed) })) : null,
    el("ol", {}, ...attempts.map((a) => el("li", {}, t("post_test.attempts.item", {
      date: dateTime(a.at), score: score(a), correct: a.correct, total: a.total,
      result: t(a.passed ? "post_test.attempts.passed" : "post_test.attempts.not_passed") })))),
  );
}
