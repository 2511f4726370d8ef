// The post-test: answer everything, then see the score and pass or fail.
// No item is marked while the test is in progress, and a failed attempt
// never reveals the correct answers; a retake starts from a clean form.
import { el, fill, href, loadManifest, loadRecord, passedAttempt, saveRecord } from "./store.js";

export async function mount(document) {
  const form = document.querySelector("form.course-post-test");
  if (!form) return;
  const manifest = await loadManifest();
  const test = manifest.post_test;
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
    const correct = fieldsets.filter((set, i) => sameAnswer(set, test.key[i])).length;
    const score = Math.round((100 * correct) / fieldsets.length);
    const attempt = { at: new Date().toISOString(), score, correct, total: fieldsets.length, passed: score >= manifest.course.pass_mark };
    const record = loadRecord(manifest);
    record.postTest.attempts.push(attempt);
    try {
      saveRecord(manifest, record);
    } catch (error) {
      status.textContent = "Your score could not be saved: this browser is blocking storage.";
    }
    showResult(result, form, manifest, attempt);
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

function sameAnswer(fieldset, key) {
  const wanted = new Set(key);
  const chosen = Array.from(fieldset.querySelectorAll("input:checked"), (input) => Number(input.value));
  return chosen.length === wanted.size && chosen.every((value) => wanted.has(value));
}

function showResult(result, form, manifest, attempt) {
  form.querySelectorAll("input, button[type=submit]").forEach((input) => { input.disabled = true; });
  form.querySelector(".course-form-status").textContent = "";
  const summary = `You answered ${attempt.correct} of ${attempt.total} questions correctly: ${attempt.score}%. The pass mark is ${manifest.course.pass_mark}%.`;
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
  fill(history,
    el("h2", { id: "your-attempts" }, "Your attempts"),
    passed ? el("p", {}, `You passed on ${new Date(passed.at).toLocaleString()} with ${passed.score}%.`) : null,
    el("ol", {}, ...attempts.map((a) => el("li", {}, `${new Date(a.at).toLocaleString()}: ${a.score}% (${a.correct} of ${a.total}) — ${a.passed ? "passed" : "not passed"}`))),
  );
}
