// Runs before mkdocs-quiz's quiz.js (both deferred, in document order).
// Keeps only stored answers that fit a question on this page. Ids are derived
// from each question's content, so an edited or deleted question leaves an
// orphan entry that must neither be restored nor counted; a damaged or forged
// entry (wrong types, values no input of that question has) must not reach
// quiz.js either. Nothing here builds HTML from storage.
(function () {
  const MAX_TYPED_LENGTH = 200;
  // mkdocs-quiz's storage key prefix, written on this script's tag by the builder's quiz adapter.
  const prefix = document.currentScript && document.currentScript.dataset.storagePrefix;
  if (!prefix) return;
  const key = prefix + window.location.pathname;
  let stored;
  try {
    stored = JSON.parse(window.localStorage.getItem(key) || "null");
  } catch (error) {
    return; // storage blocked or unreadable: quiz.js handles both cases itself
  }
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return;
  const quizzes = new Map(Array.from(document.querySelectorAll(".quiz[id]"), (quiz) => [quiz.id, quiz]));
  const kept = Object.fromEntries(
    Object.entries(stored).filter(([id, entry]) => quizzes.has(id) && fitsQuiz(entry, quizzes.get(id))),
  );
  if (Object.keys(kept).length !== Object.keys(stored).length) {
    window.localStorage.setItem(key, JSON.stringify(kept));
  }

  // The shape quiz.js writes: {answered, correct, selectedValues[, firstTry]}, with
  // values this question can hold (a choice's input values, or one text per blank).
  function fitsQuiz(entry, quiz) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) return false;
    if (typeof entry.answered !== "boolean" || typeof entry.correct !== "boolean") return false;
    if ("firstTry" in entry && typeof entry.firstTry !== "boolean") return false;
    const values = entry.selectedValues;
    if (!Array.isArray(values) || !values.every((value) => typeof value === "string")) return false;
    if (quiz.getAttribute("data-quiz-type") === "fill-blank") {
      const blanks = quiz.querySelectorAll(".quiz-blank-input").length;
      return values.length <= blanks && values.every((value) => value.length <= MAX_TYPED_LENGTH);
    }
    const inputs = Array.from(quiz.querySelectorAll('input[name="answer"]'));
    const choices = new Set(inputs.map((input) => input.value));
    const single = inputs.some((input) => input.type === "radio");
    return (
      values.every((value) => choices.has(value)) &&
      new Set(values).size === values.length &&
      !(single && values.length > 1)
    );
  }
})();
