// The post-test: answer everything, then see the score and pass or fail.
// No item is marked while the test is in progress, and a failed attempt
// never reveals the correct answers: it names the modules to review (from the
// questions' `covers`), and a retake starts from a clean form. Once the learner
// has passed, any attempt can be reviewed item by item (post-test-review.js).
// Grading is grade.js's, keyed by question id (each fieldset's id); every
// attempt keeps its responses so that it can be graded again. When the bank
// draws from a pool (`draw:`), each attempt shows a fresh balanced draw
// (draw.js) and keeps the ids it drew; only those questions are graded.
import { el, fill } from "./dom.js";
import { drawQuestions } from "./draw.js";
import { gradePostTest, modulesToReview, scorePercent } from "./grade.js";
import { courseTranslator } from "./i18n.js";
import { REVIEW_ID, renderReview } from "./post-test-review.js";
import { href, loadManifest, loadRecord, passedAttempt, saveRecord } from "./store.js";

export async function mount(document) {
  const form = document.querySelector("form.course-post-test");
  if (!form) return;
  const manifest = await loadManifest();
  const status = form.querySelector(".course-form-status");
  const result = el("div", { class: "course-result", tabindex: "-1" });
  const review = el("section", { class: "course-review", id: REVIEW_ID, "aria-labelledby": `${REVIEW_ID}-title`, hidden: true });
  const history = el("div", { class: "course-attempts" });
  form.before(result, review);
  form.after(history);
  const view = { form, manifest, result, review, history };
  showHistory(view);
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
    let passedBefore = false;
    try {
      const record = loadRecord(manifest);
      passedBefore = Boolean(passedAttempt(record));
      record.postTest.attempts.push(attempt);
      saveRecord(manifest, record);
    } catch (error) {
      saved = false;
    }
    closeReview(review, history);
    result.after(review); // a review opened from the list moves back under the result
    showResult(view, attempt, saved);
    // The key is shown only to a learner who has passed: with this attempt or before it.
    if (attempt.passed || passedBefore) renderReview(review, form, manifest, attempt);
    showHistory(view);
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
  for (const list of form.querySelectorAll("fieldset.course-question .course-options")) {
    const options = Array.from(list.querySelectorAll(".course-option"));
    for (let i = options.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [options[i], options[j]] = [options[j], options[i]];
    }
    options.forEach((option) => list.append(option));
  }
}

// After an attempt the form is put away (disabled and hidden): the result, and after a
// pass the review, take its place; a retake brings it back clean, with a new draw.
function showResult({ form, manifest, result, review, history }, attempt, saved) {
  form.querySelectorAll("input, button[type=submit]").forEach((input) => { input.disabled = true; });
  form.querySelector(".course-form-status").textContent = "";
  form.hidden = true;
  const { t, plural, percent } = courseTranslator(manifest);
  const mark = manifest.course.pass_mark;
  const summary = plural("post_test.summary", attempt.total, { correct: attempt.correct, total: attempt.total,
    score: percent(scorePercent(attempt.correct, attempt.total, mark)), pass_mark: percent(mark) });
  const retake = el("button", { type: "button", class: "md-button" }, t("post_test.retake"));
  retake.addEventListener("click", () => {
    form.reset();
    form.querySelectorAll("input, button[type=submit]").forEach((input) => { input.disabled = false; });
    form.querySelectorAll("fieldset").forEach((set) => set.removeAttribute("aria-invalid"));
    form.hidden = false;
    result.replaceChildren();
    result.className = "course-result";
    closeReview(review, history);
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
      : modulesAdvice(manifest, attempt, t),
    el("p", {}, retake),
  );
  result.focus();
}

// A failed attempt names the modules to go back to (those a wrong answer covers), never
// which answers were right; without `covers` it says to review the modules.
function modulesAdvice(manifest, attempt, t) {
  const modules = modulesToReview(manifest.post_test.questions, attempt.responses, attempt.drawn, manifest.modules);
  if (!modules.length) return el("p", {}, t("post_test.review"));
  return el("div", { class: "course-review-modules" },
    el("p", {}, t("post_test.review_modules")),
    el("ul", {}, ...modules.map((module) => el("li", {}, el("a", { href: href(module.url) }, module.title)))),
    el("p", {}, t("post_test.fair_retake")));
}

// The attempts, with their dates in the page's language. Once the learner has passed,
// each attempt has a "Review answers" button that opens its review under the list.
function showHistory(view) {
  const { manifest, history } = view;
  const record = loadRecord(manifest);
  const attempts = record.postTest.attempts;
  if (!attempts.length) {
    history.replaceChildren();
    return;
  }
  const passed = passedAttempt(record);
  const { t, percent, dateTime } = courseTranslator(manifest);
  const score = (a) => percent(scorePercent(a.correct, a.total, manifest.course.pass_mark));
  const reviewable = (a) => passed && a.responses && typeof a.responses === "object" && Object.keys(a.responses).length > 0;
  fill(history,
    el("h2", { id: "your-attempts" }, t("post_test.attempts.title")),
    passed ? el("p", {}, t("post_test.attempts.passed_on", { date: dateTime(passed.at), score: score(passed) })) : null,
    el("ol", {}, ...attempts.map((a) => el("li", {},
      el("span", {}, t("post_test.attempts.item", {
        date: dateTime(a.at), score: score(a), correct: a.correct, total: a.total,
        result: t(a.passed ? "post_test.attempts.passed" : "post_test.attempts.not_passed") })),
      reviewable(a) ? reviewButton(view, a, t("post_test.review.show_label", { date: dateTime(a.at) }), t("post_test.review.show")) : null))),
  );
}

function reviewButton({ form, manifest, review, history }, attempt, label, text) {
  const button = el("button", { type: "button", class: "md-button course-review-button", "aria-controls": REVIEW_ID,
                                "aria-expanded": "false", "aria-label": label }, text);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") === "true";
    closeReview(review, history);
    if (open) return;
    history.append(review);
    renderReview(review, form, manifest, attempt);
    button.setAttribute("aria-expanded", "true");
    review.querySelector(`#${REVIEW_ID}-title`).focus();
  });
  return button;
}

function closeReview(review, history) {
  review.hidden = true;
  review.replaceChildren();
  history.querySelectorAll("[aria-expanded=true]").forEach((button) => button.setAttribute("aria-expanded", "false"));
}
