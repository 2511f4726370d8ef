// The post-test: answer everything, then see the score and pass or fail.
// No item is marked while the test is in progress, and a failed attempt
// never reveals the correct answers; a retake starts from a clean form.
// Grading is grade.js's, keyed by question id (each fieldset's id); every
// attempt keeps its responses so that it can be graded again.
import { el, fill } from "./dom.js";
import { gradePostTest, scoreText } from "./grade.js";
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

  form.dataset.ready = "true"; // for tests and styles: the form is live
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fieldsets = Array.from(form.querySelectorAll("fieldset.course-question"));
    const unanswered = fieldsets.filter((set) => !set.querySelector("input:checked"));
    fieldsets.forEach((set) => set.toggleAttribute("aria-invalid", unanswered.includes(set)));
    if (unanswered.length) {
      status.textContent = `Please answer every question: ${unanswered.length} of ${fieldsets.length} still unanswered.`;
      unanswered[0].querySelector("input").focus();
      return;
    }
    const responses = Object.fromEntries(fieldsets.map((set) =>
      [set.id, Array.from(set.querySelectorAll("input:checked"), (input) => Number(input.value)).sort((a, b) => a - b)]));
    const grade = gradePostTest(manifest.post_test.questions, responses, manifest.course.pass_mark);
    const attempt = { at: new Date().toISOString(), score: grade.score, correct: grade.correct, total: grade.total,
                      passed: grade.passed, responses };
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
  const mark = manifest.course.pass_mark;
  const summary = `You answered ${attempt.correct} of ${attempt.total} questions correctly: ${scoreText(attempt.correct, attempt.total, mark)}. The pass mark is ${mark}%.`;
  const retake = el("button", { type: "button", class: "md-button" }, "Retake the post-test");
  retake.addEventListener("click", () => {
    form.reset();
    form.querySelectorAll("input, button[type=submit]").forEach((input) => { input.disabled = false; });
    form.querySelectorAll("fieldset").forEach((set) => set.removeAttribute("aria-invalid"));
    result.replaceChildren();
    shuffleOptions(form);
    form.querySelector("input").focus();
  });
  const next = manifest.evaluation || manifest.certificate;
  result.className = `course-result admonition ${attempt.passed ? "success" : "failure"}`;
  fill(result,
    el("p", { class: "admonition-title" }, attempt.passed ? "You passed the post-test" : "Not passed this time"),
    el("p", { role: "status" }, summary),
    saved ? null : el("p", { class: "course-not-saved course-error", role: "alert" },
      "This result was NOT saved: this browser is blocking storage, so it is not kept and does not count towards " +
      "your certificate. Open the course in a normal browser window and take the test there."),
    attempt.passed
      ? el("p", {}, next ? el("a", { href: href(next.url) }, `Next step: ${next.title}`) : null)
      : el("p", {}, "Review the modules, then retake the test. Each attempt starts with a clean form, and the correct answers are not shown so that a retake stays a fair test."),
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
  const score = (a) => scoreText(a.correct, a.total, manifest.course.pass_mark);
  fill(history,
    el("h2", { id: "your-attempts" }, "Your attempts"),
    passed ? el("p", {}, `You passed on ${new Date(passed.at).toLocaleString()} with ${score(passed)}.`) : null,
    el("ol", {}, ...attempts.map((a) => el("li", {}, `${new Date(a.at).toLocaleString()}: ${score(a)} (${a.correct} of ${a.total}) — ${a.passed ? "passed" : "not passed"}`))),
  );
}
