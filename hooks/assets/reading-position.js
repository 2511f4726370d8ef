// Where the learner is reading on a course page: the last heading scrolled past,
// kept in the record (store.js savePosition) so that the course home's "Continue"
// opens this page at that section. An IntersectionObserver notices headings
// crossing the reading line (and the end of each scroll double-checks); writes
// are throttled (position.js) and the last one is made when the page is hidden or left.
import { ThrottledWriter, makePosition, sectionAt, shortHeading } from "./position.js";
import { savePosition } from "./store.js";

const READING_LINE = 0.25; // a heading is passed once its top is in the top quarter of the window

/** Watch the page at `url` (a manifest url); `kept` is the position the record holds. */
export function watchReading(document, manifest, url, kept) {
  const content = document.querySelector(".md-content__inner");
  const view = document.defaultView;
  if (!content || !view || typeof view.IntersectionObserver !== "function") return null;
  const headings = Array.from(content.querySelectorAll("h2[id], h3[id]"));
  const writer = new ThrottledWriter((position) => savePosition(manifest, position), { initial: kept });
  const line = () => Math.max(64, view.innerHeight * READING_LINE);
  const update = () => {
    const passed = sectionAt(headings.map((h) => ({ id: h.id, heading: h, top: h.getBoundingClientRect().top })), line());
    writer.offer(passed ? makePosition(url, passed.id, headingText(passed.heading)) : makePosition(url));
  };
  // The root reaches far above the window and ends at the reading line: a heading "intersects"
  // once it has been scrolled past, so every crossing of the line is reported.
  const observer = new view.IntersectionObserver(update, { rootMargin: `100000px 0px -${100 - READING_LINE * 100}% 0px` });
  headings.forEach((heading) => observer.observe(heading));
  if (!headings.length) update();
  view.addEventListener("scrollend", update, { passive: true });
  view.addEventListener("pagehide", () => writer.flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") writer.flush();
  });
  return writer;
}

/** A heading's own text, without the permalink sign Markdown's toc extension adds. */
function headingText(heading) {
  const parts = Array.from(heading.childNodes).filter((node) => !(node.classList && node.classList.contains("headerlink")));
  return shortHeading(parts.map((node) => node.textContent).join(""));
}
