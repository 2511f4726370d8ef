// Progress in the site navigation (the left column on a wide screen, the menu
// drawer on a phone: Material renders one nav for both): a small status mark
// after each step's link, with its state in words for screen readers.
import { el } from "./dom.js";
import { stepState } from "./next-action.js";
import { pageUrl } from "./store.js";

const WORDS = { done: (t) => t("nav.status.done"), "in-progress": (t) => t("nav.status.in_progress") };

/** Mark every navigation link to a step of the course with that step's state. */
export function showNavProgress(document, steps, record, t) {
  const byPath = new Map(steps.map((step) => [pageUrl(step.url).pathname, step]));
  for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
    if (link.closest(".md-nav--secondary")) continue; // the page's own table of contents
    const url = new URL(link.href, document.baseURI);
    const step = url.hash ? null : byPath.get(url.pathname);
    if (!step) continue;
    const state = stepState(step, record);
    mark(link, state, t);
    // The current page's entry in the phone menu is a <label> that opens its contents, just before the link.
    const label = link.previousElementSibling;
    if (label && label.matches('label.md-nav__link[for="__toc"]')) mark(label, state, t);
  }
}

function mark(node, state, t) {
  const status = el("span", { class: "course-nav-status course-status-icon", "data-state": state },
    WORDS[state] ? el("span", { class: "course-visually-hidden" }, ` (${WORDS[state](t)})`) : null);
  const old = node.querySelector(":scope > .course-nav-status");
  if (old) old.replaceWith(status);
  else node.insertBefore(status, node.querySelector(":scope > .md-nav__icon"));
}
