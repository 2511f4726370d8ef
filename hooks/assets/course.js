// Entry point on every page: loads only the widgets this page has.
// Module scripts run after mkdocs-quiz's deferred quiz.js, in document order.
import { registerOffline } from "./sw-register.js";

const widgets = {
  progress: "./progress.js",
  "post-test": "./post-test.js",
  evaluation: "./evaluation.js",
  certificate: "./certificate.js",
  verify: "./verify.js",
};

async function start() {
  const present = new Set(Array.from(document.querySelectorAll("[data-course-widget]"), (node) => node.dataset.courseWidget));
  if (document.querySelector("form.course-post-test")) present.add("post-test");
  if (document.querySelector("form.course-evaluation")) present.add("evaluation");
  present.add("progress"); // every page shows where the learner is in the course
  for (const name of present) {
    if (!widgets[name]) continue;
    const widget = await import(widgets[name]);
    await widget.mount(document);
  }
}

registerOffline(); // offline after the first visit (service worker)

start().catch((error) => {
  console.error("course scripts:", error);
});
