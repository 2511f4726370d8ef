"""Opening course pages the way the browser tests need them: scripts ready, manifest at hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def fetch_manifest(page: Any, site_url: str) -> dict[str, Any]:
    """The built course's manifest, fetched by the page as the course scripts fetch it."""
    page.goto(site_url)
    return page.evaluate("() => fetch('course-manifest.json').then(r => r.json())")


def open_course_page(page: Any, url: str) -> None:
    """Go to `url` and wait until the course scripts have finished mounting."""
    page.goto(url)
    page.wait_for_selector("body[data-course-ready]")


def import_progress_file(page: Any, folder: Path, data: Any, name: str = "progress.json") -> None:
    """Hand `data`, written as a file, to the course home's "Import progress" control."""
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    page.locator("#course-import-file").set_input_files(str(path))
