"""Shared helpers for the test suite: building sites and serving them on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator

from coursekit.model import Course, build_course
from coursekit.nav import is_link, nav_targets
from coursekit.pages import PageSource
from coursekit.project import Project
from coursekit.settings import CourseSettings, parse_settings
from coursekit.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
# The smallest valid `extra: course:` block of mkdocs.yml, for settings tests to vary.
MINIMAL_SETTINGS = """\
extra:
  course:
    id: demo
    version: "1"
    provider: P
    authors: [{name: A, credentials: PhD}]
    audience: Clinicians
    level: introductory
    ce_hours: 1.5
    signer: {name: S, title: T}
"""
MINI_COURSE = ROOT / "tests" / "mini_course"


def mkdocs_build(config: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as an organizer would, capturing everything it prints."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent, timeout=300)


def _config(root: Path) -> dict:
    config = root / "mkdocs.yml"
    return load_yaml(config.read_text(encoding="utf-8"), config.name).data


def course_settings(root: Path = ROOT) -> CourseSettings:
    """The course's settings as the build reads them (defaults filled in: `title` is site_name when unset)."""
    config = root / "mkdocs.yml"
    doc = load_yaml(config.read_text(encoding="utf-8"), config.name)
    return parse_settings(doc.root().child("extra").child("course"), site_name=str(doc.data.get("site_name", "")))


def _page_url(uri: str) -> str:
    """MkDocs' URL of a page (use_directory_urls): index.md -> '', a/index.md -> 'a/', a/b.md -> 'a/b/'."""
    if uri == "index.md":
        return ""
    return uri.removesuffix(".md").removesuffix("/index") + "/"


def docs_folder(root: Path = ROOT) -> str:
    """The docs folder mkdocs.yml names, relative to it."""
    return str(_config(root).get("docs_dir", "docs"))


def course_model(root: Path = ROOT) -> Course:
    """The course in `root` as the build reads it (pages in nav order, banks, CE rules checked), without MkDocs."""
    docs_dir = root / docs_folder(root)
    listed = _nav_uris(root)
    uris = listed + sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")
                           if p.relative_to(docs_dir).as_posix() not in listed)
    sources = [PageSource(src=f"{docs_dir.name}/{uri}", uri=uri, url=_page_url(uri),
                          text=(docs_dir / uri).read_text(encoding="utf-8")) for uri in uris]
    return build_course(course_settings(root), sources, Project(root=root, docs_dir=docs_dir))


def course_page_urls(root: Path = ROOT) -> list[str]:
    """The course home and every page with a course role (modules, post-test, evaluation, certificate), in nav order.

    Read at collection time, so that each page is its own test case."""
    return list(dict.fromkeys([""] + [page.url for page in course_model(root).pages]))


def _nav_uris(root: Path) -> list[str]:
    """Every page under mkdocs.yml's `nav`, in order."""
    return [target for _, target in nav_targets(_config(root).get("nav")) if not is_link(target)]


def color_schemes(root: Path = ROOT) -> dict[str, str | None]:
    """Material's colour scheme (`data-md-color-scheme`) under a light and a dark system setting, from
    mkdocs.yml's `theme.palette`; None for both when the course sets no palette (Material writes none)."""
    palette = _config(root).get("theme", {}).get("palette") or []
    entries = palette if isinstance(palette, list) else [palette]
    if not entries:
        return {"light": None, "dark": None}
    schemes: dict = {"light": "default", "dark": "default"}
    for entry in entries:
        media = str(entry.get("media", ""))
        scheme = str(entry.get("scheme", "default"))
        if "dark" in media:
            schemes["dark"] = scheme
        elif "light" in media or not media:
            schemes["light"] = scheme
            if len(entries) == 1:
                schemes["dark"] = scheme
    return schemes


def has_palette_toggle(root: Path = ROOT) -> bool:
    """Whether the header offers a light/dark switch (a palette with two or more toggles)."""
    palette = _config(root).get("theme", {}).get("palette") or []
    return isinstance(palette, list) and sum(1 for entry in palette if isinstance(entry, dict) and "toggle" in entry) >= 2


def copy_mini_course(destination: Path) -> Path:
    """A writable copy of the small test course whose hooks point at this checkout."""
    course = destination / "course"
    shutil.copytree(MINI_COURSE, course)
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../hooks/course.py", str(ROOT / "hooks" / "course.py")))
    return course


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a server a test started: terminate, then kill if it has not exited within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
