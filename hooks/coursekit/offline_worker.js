// The course's service worker: the course works offline after one visit online.
// Written into the site root as sw.js by the build (hooks/coursekit/offline.py fills BUILD);
// served from the root, its scope is the site, also under a GitHub Pages project path (/repo/).
//
// - install: every precached file is stored under its content hash; a file whose hash an
//   earlier version already holds is copied from there instead of downloaded again.
// - activate: this site's caches of earlier versions are deleted.
// - fetch (this site only): precached files from the cache ("page/" is "page/index.html",
//   query strings ignored); any other file of the site from the network, kept for later
//   (fonts and other large optional files: cached on first use); a page never visited,
//   asked for offline, gets the site's 404 page.
// - BUILD.offline false (the organizer's `offline: false`, or `mkdocs serve`): the worker
//   deletes this site's caches and unregisters itself, so no earlier worker stays behind.
const BUILD = "__BUILD__"; // {offline, version, precache: {path: content hash}}

const SCOPE = self.registration.scope;
const PREFIX = `course-offline ${SCOPE} `; // caches are per origin: several sites may share one
const PRECACHE = `${PREFIX}precache ${BUILD.version}`;
const RUNTIME = `${PREFIX}runtime ${BUILD.version}`;
const HASHES = new Map(Object.entries(BUILD.precache));

/** The site file a URL asks for ("page/" as "page/index.html"), or null outside this site. */
function sitePath(url) {
  const target = new URL(url);
  const scope = new URL(SCOPE);
  if (target.origin !== scope.origin || !target.pathname.startsWith(scope.pathname)) return null;
  try {
    const path = decodeURIComponent(target.pathname.slice(scope.pathname.length));
    return path === "" || path.endsWith("/") ? `${path}index.html` : path;
  } catch {
    return null; // a malformed %-escape: not a file of this site
  }
}

const fileUrl = (path) => new URL(path.split("/").map(encodeURIComponent).join("/"), SCOPE).href;
const cacheKey = (path) => `${fileUrl(path)}?course-offline=${HASHES.get(path)}`;

/** A redirected response cannot answer a navigation: keep its body and headers only. */
function unredirected(response) {
  if (!response.redirected) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function precache() {
  const cache = await caches.open(PRECACHE);
  await Promise.all([...HASHES.keys()].map(async (path) => {
    const earlier = await caches.match(cacheKey(path)); // the same content, kept by an earlier version
    if (earlier) return cache.put(cacheKey(path), earlier);
    const response = await fetch(new Request(fileUrl(path), { cache: "reload" }));
    if (!response.ok) throw new Error(`offline copy of ${path}: HTTP ${response.status}`);
    return cache.put(cacheKey(path), unredirected(response));
  }));
}

async function removeEarlierVersions(keep) {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(PREFIX) && !keep.includes(name)).map((name) => caches.delete(name)));
}

async function respond(request, path) {
  if (HASHES.has(path)) {
    const cached = await (await caches.open(PRECACHE)).match(cacheKey(path));
    if (cached) return cached;
  }
  const runtime = await caches.open(RUNTIME);
  const kept = await runtime.match(request, { ignoreSearch: true });
  if (kept) return kept;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await runtime.put(request, response.clone());
    return response;
  } catch (error) {
    const notFound = request.mode === "navigate" && HASHES.has("404.html")
      && await (await caches.open(PRECACHE)).match(cacheKey("404.html"));
    if (notFound) return notFound;
    throw error;
  }
}

if (BUILD.offline) {
  self.addEventListener("install", (event) => event.waitUntil(precache()));
  self.addEventListener("activate", (event) => event.waitUntil(
    removeEarlierVersions([PRECACHE, RUNTIME]).then(() => self.clients.claim())));
  self.addEventListener("fetch", (event) => {
    const { request } = event;
    if (request.method !== "GET" || request.headers.has("range")) return;
    const path = sitePath(request.url);
    if (path !== null) event.respondWith(respond(request, path));
  });
} else {
  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => event.waitUntil(
    removeEarlierVersions([]).then(() => self.registration.unregister())));
}
