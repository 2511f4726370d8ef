"""Opening course pages the way the browser tests need them: scripts ready, manifest at hand."""

from __future__ import annotations

from typing import Any


def fetch_manifest(page: Any, site_url: str) -> dict[str, Any]:
    """The built course's manifest, fetched by the page as the course scripts fetch it."""
    page.goto(site_url)
    return page.evaluate("() => fetch('course-manifest.json').then(r => r.json())")


def open_course_page(page: Any, url: str) -> None:
    """Go to `url` and wait until the course scripts have finished mounting."""
    page.goto(url)
    page.wait_for_selector("body[data-course-ready]")
