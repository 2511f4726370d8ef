// The review of one post-test attempt, shown only once the learner has passed:
// every question the attempt drew, with the learner's answer, the correct one,
// their feedback and the question's explanation. Right and wrong are said in
// words (badges, the verdict in each heading), not by colour alone.
// The texts come from the page: the form's prompts and options, and the feedback
// and explanation the build wrote hidden beside them (coursekit/render.py); the
// key from the manifest, through grade.js. Nothing here is parsed as HTML.
import { el, fill } from "./dom.js";
import { reviewItems, scorePercent } from "./grade.js";
import { courseTranslator } from "./i18n.js";

export const REVIEW_ID = "course-review";

/** Fill `section` with the review of `attempt` (as stored) and show it. */
export function renderReview(section, form, manifest, attempt) {
  const tr = courseTranslator(manifest);
  const { t, percent, dateTime } = tr;
  const items = reviewItems(manifest.post_test.questions, attempt);
  const anchor = (item) => `${REVIEW_ID}-${item.id}`;
  const missed = items.map((item, index) => ({ item, number: index + 1 })).filter(({ item }) => !item.correct);
  const links = missed.flatMap(({ item, number }, index) => [index ? ", " : " ",
    el("a", { href: `#${anchor(item)}` }, t("post_test.review.question_link", { number }))]);
  fill(section,
    el("h2", { id: `${REVIEW_ID}-title`, tabindex: "-1" }, t("post_test.review.title")),
    el("p", {}, t("post_test.review.intro", { date: dateTime(attempt.at), correct: attempt.correct, total: attempt.total,
      score: percent(scorePercent(attempt.correct, attempt.total, manifest.course.pass_mark)) })),
    missed.length ? el("p", {}, t("post_test.review.missed"), ...links) : el("p", {}, t("post_test.review.all_correct")),
    ...items.map((item, index) => reviewItem(form, item, { id: anchor(item), number: index + 1, total: items.length }, t)),
  );
  section.hidden = false;
}

function reviewItem(form, item, { id, number, total }, t) {
  const fieldset = item.known ? form.querySelector(`fieldset[id="${CSS.escape(item.id)}"]`) : null;
  const title = t("post_test.number", { number, total });
  if (!fieldset) {
    return el("div", { class: "course-review-item", id },
      el("h3", {}, title), el("p", {}, t("post_test.review.changed")));
  }
  const verdict = item.correct ? "correct" : "incorrect";
  const notes = fieldset.querySelector(".course-review-notes");
  const options = Array.from(fieldset.querySelectorAll(".course-option"), (option) => ({
    index: Number(option.querySelector("input").value),
    text: option.querySelector(".course-option-text"),
  })).sort((a, b) => a.index - b.index); // bank order: the attempt's own order is not kept
  const explanation = notes?.querySelector("[data-explanation]");
  return el("div", { class: `course-review-item is-${verdict}`, id },
    el("h3", {}, `${title} `,
      el("span", { class: `course-verdict is-${verdict}` }, t(item.correct ? "post_test.review.correct" : "post_test.review.incorrect"))),
    el("div", { class: "course-question-prompt" }, ...copy(fieldset.querySelector(".course-question-prompt"))),
    el("ul", { class: "course-review-options" }, ...options.map(({ index, text }) => {
      const chosen = item.chosen.includes(index);
      const key = item.key.includes(index);
      const feedback = chosen || key ? notes?.querySelector(`[data-option="${index}"]`) : null;
      const state = [chosen && "is-chosen", key && "is-key", chosen && !key && "is-wrong"].filter(Boolean).join(" ");
      return el("li", { class: state || null },
        el("span", { class: "course-review-mark", "aria-hidden": "true" }, key ? "✓" : chosen ? "✗" : ""),
        el("div", {},
          el("span", { class: "course-review-text" }, ...copy(text)),
          chosen ? el("span", { class: "course-badge is-chosen" }, t("post_test.review.your_answer")) : null,
          key ? el("span", { class: "course-badge is-key" }, t("post_test.review.right_answer")) : null,
          feedback ? el("div", { class: "course-review-feedback" }, ...copy(feedback)) : null));
    })),
    explanation ? el("div", { class: "course-review-explanation" },
      el("p", { class: "course-review-explanation-title" }, t("post_test.review.explanation")), ...copy(explanation)) : null,
  );
}

/** Copies of a page element's children (the build's own HTML), to show again elsewhere. */
function copy(node) {
  return node ? Array.from(node.childNodes, (child) => child.cloneNode(true)) : [];
}
