// Offline after the first visit: registers the build's service worker (sw.js at the site root,
// written by hooks/coursekit/offline.py), whose scope is the site, also under a project path.
// The page's <meta name="course-offline"> says "on", or "off" (the organizer's `offline: false`,
// or `mkdocs serve`): then a worker an earlier build left for this site is removed.
import { SITE_ROOT } from "./store.js";

const WORKER = new URL("sw.js", SITE_ROOT);

/** Register (or remove) the worker once the page has loaded, so that caching never slows the first view. */
export function registerOffline(doc = document) {
  const container = globalThis.navigator?.serviceWorker;
  if (!container || !/^https?:$/.test(doc.location.protocol)) return; // never on file://: workers need http(s)
  const wanted = doc.querySelector('meta[name="course-offline"]')?.content === "on";
  const act = () => (wanted ? register(container) : unregister(container).catch(() => {}));
  if (doc.readyState === "complete") act();
  else doc.defaultView.addEventListener("load", act, { once: true });
}

function register(container) {
  container.register(WORKER, { scope: SITE_ROOT.pathname }).catch((error) => {
    // Offline use is an extra: a browser that refuses workers (a private window, a policy) still has the course.
    console.warn("offline copy unavailable:", error.message);
  });
}

async function unregister(container) {
  const registration = await container.getRegistration(SITE_ROOT.href);
  if (registration?.scope === SITE_ROOT.href) await registration.unregister();
}
