"""Offline after the first visit: the service worker the build writes, and what pages need for it.

The build writes `sw.js` into the site root once every other file is written
(hooks/course.py, on_post_build). It lists the site's files with a content hash
each (the precache); the browser stores them on the first visit and serves the
course from them when the network is off. Files matching ON_FIRST_USE are left out of
the precache: they are kept the first time a page uses them (large optional files).
hooks/assets/sw-register.js registers the worker on http(s) pages when the page's
<meta name="course-offline"> says "on".

With the organizer's `offline: false`, and under `mkdocs serve` (where a cached
page would hide live edits), pages say "off" and `sw.js` is a worker that removes
itself and its caches, so a worker left by an earlier build does not stay behind.

Opened from disk (file://), browsers run no module script, so no course script at
all: every page carries a notice, shown by a tiny inline script on file:// only.
Framework-free: the MkDocs glue is in hooks/course.py.
"""

from __future__ import annotations

import fnmatch
import hashlib
import html
import json
from dataclasses import dataclass
from pathlib import Path

from .i18n import Catalogue

WORKER_URL = "sw.js"  # at the site root: a worker's scope is at most its own folder
META_NAME = "course-offline"
_TEMPLATE = Path(__file__).resolve().parent / "offline_worker.js"
_BUILD_PLACEHOLDER = '"__BUILD__"'

# Site files kept on first use instead of precached, as fnmatch patterns over the path from
# the site root ('*' also crosses folders). Add the pattern of any large optional file here.
ON_FIRST_USE: tuple[str, ...] = (
    "*.map",  # source maps: only developer tools ask for them
    "sitemap.xml", "sitemap.xml.gz",  # for search engines
    "assets/course/*/vendor/README.txt", "assets/course/*/vendor/*/LICENSE",  # published for people, never fetched by a page
    "assets/javascripts/lunr/*",  # Material's search for other languages and segmenters; loaded by language
    # The certificate PDF's fonts for other scripts (coursekit/pdf_fonts.py) and the shaping engine they may need:
    # fetched for names that need them. Those the course's own texts need are precached (`keep` below).
    "assets/pdf-fonts/*.*.ttf", "assets/pdf-fonts/*.*.json",
    "assets/course/*/vendor/fontkit/*", "assets/course/*/vendor/regenerator-runtime/*",
)


@dataclass(frozen=True)
class SiteFile:
    path: str  # from the site root, '/'-separated
    size: int
    hash: str  # of its content


@dataclass(frozen=True)
class Precache:
    files: tuple[SiteFile, ...]  # stored on the first visit
    on_first_use: tuple[SiteFile, ...]  # stored when first used

    @property
    def bytes(self) -> int:
        return sum(file.size for file in self.files)

    @property
    def version(self) -> str:
        """Names this build's caches: changes whenever any file of the site changes."""
        digest = hashlib.sha256()
        for file in self.files + self.on_first_use:
            digest.update(f"{file.path}\0{file.hash}\n".encode())
        return digest.hexdigest()[:16]


def site_files(site: Path, on_first_use: tuple[str, ...] = ON_FIRST_USE, keep: tuple[str, ...] = ()) -> Precache:
    """The site's files, split into the precache and the files kept on first use.

    `keep`: patterns precached even when they match `on_first_use`. Left out: the worker itself and
    hidden files (.nojekyll)."""
    precached: list[SiteFile] = []
    later: list[SiteFile] = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        path = file.relative_to(site).as_posix()
        if path == WORKER_URL or any(part.startswith(".") for part in path.split("/")):
            continue
        content = file.read_bytes()
        entry = SiteFile(path, len(content), hashlib.sha256(content).hexdigest()[:16])
        optional = any(fnmatch.fnmatchcase(path, pattern) for pattern in on_first_use)
        kept = any(fnmatch.fnmatchcase(path, pattern) for pattern in keep)
        (later if optional and not kept else precached).append(entry)
    return Precache(tuple(precached), tuple(later))


def worker_script(precache: Precache | None) -> str:
    """sw.js: the offline worker for `precache`; None: the worker that removes itself."""
    build = {"offline": False, "version": "off", "precache": {}}
    if precache is not None:
        build = {"offline": True, "version": precache.version, "precache": {f.path: f.hash for f in precache.files}}
    template = _TEMPLATE.read_text(encoding="utf-8")
    assert template.count(_BUILD_PLACEHOLDER) == 1, f"{_TEMPLATE.name} must hold {_BUILD_PLACEHOLDER} once"
    return template.replace(_BUILD_PLACEHOLDER, json.dumps(build, ensure_ascii=False, separators=(",", ":")))


def write_worker(site: Path, *, enabled: bool, keep: tuple[str, ...] = ()) -> Precache | None:
    """Write sw.js into the built site; the precache it lists (None when offline is off). `keep`: see site_files."""
    precache = site_files(site, keep=keep) if enabled else None
    (site / WORKER_URL).write_text(worker_script(precache), encoding="utf-8")
    return precache


def describe(precache: Precache) -> str:
    later = f"; {len(precache.on_first_use)} kept on first use ({_size(sum(f.size for f in precache.on_first_use))})"
    return f"{len(precache.files)} files, {_size(precache.bytes)} precached{later if precache.on_first_use else ''}"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.2f} MB" if count >= 100_000 else f"{count / 1000:.1f} KB"


# --------------------------------------------------------------------------
# What every page carries
# --------------------------------------------------------------------------


def page_meta(enabled: bool) -> str:
    """Tells sw-register.js whether to register the worker ("on") or remove an earlier one ("off")."""
    return f'<meta name="{META_NAME}" content="{"on" if enabled else "off"}">'


def file_notice_html(strings: Catalogue) -> str:
    """A notice shown only when the page is opened from disk, where no course script runs.

    Hidden by default; the inline script after it (allowed by its hash, coursekit/csp.py)
    shows it on file:// while the page is parsed, so it never flashes on a served page."""
    title, text = html.escape(strings.text("page.file_notice.title")), html.escape(strings.text("page.file_notice.text"))
    return (
        '<div class="md-banner md-banner--warning course-file-notice" role="alert" hidden>'
        f'<div class="md-banner__inner md-grid md-typeset"><strong>{title}</strong> {text}</div></div>'
        '<script>if (location.protocol === "file:") document.currentScript.previousElementSibling.hidden = false;</script>'
    )
