// Runs before mkdocs-quiz's quiz.js (both deferred, in document order).
// Drops stored answers whose quiz id is no longer on this page: ids are derived
// from each question's content, so an edited or deleted question leaves an
// orphan entry that must neither be restored nor counted.
(function () {
  const key = "quiz_progress_" + window.location.pathname;
  let stored;
  try {
    stored = JSON.parse(window.localStorage.getItem(key) || "null");
  } catch (error) {
    return; // storage blocked or unreadable: quiz.js handles both cases itself
  }
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return;
  const present = new Set(Array.from(document.querySelectorAll(".quiz[id]"), (quiz) => quiz.id));
  const kept = Object.fromEntries(Object.entries(stored).filter(([id]) => present.has(id)));
  if (Object.keys(kept).length !== Object.keys(stored).length) {
    window.localStorage.setItem(key, JSON.stringify(kept));
  }
})();
