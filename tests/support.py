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
from typing import Iterator

from coursekit.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
MINI_COURSE = ROOT / "tests" / "mini_course"


def mkdocs_build(config: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` as an organizer would, capturing everything it prints."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent, timeout=300)


def nav_pages() -> list[str]:
    """Every page in mkdocs.yml's nav as a site URL ('' for the home page), in nav order.

    Read at collection time, so that each page is its own test case."""
    config = ROOT / "mkdocs.yml"
    nav = load_yaml(config.read_text(encoding="utf-8"), config.name).data["nav"]
    found: list[str] = []

    def walk(entry: object) -> None:
        if isinstance(entry, str):
            found.append("" if entry == "index.md" else entry.removesuffix(".md").removesuffix("/index") + "/")
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for value in entry:
                walk(value)

    walk(nav)
    return found


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
