"""Privacy gate: visiting every page of the course, answering a knowledge check and
searching makes no request to any origin but the local server, and no request fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quality_helpers import answer_all, search_word, settle
from support import course_page_urls

pytestmark = pytest.mark.browser


def _every_page(site: Path) -> list[str]:
    return sorted(
        "" if p == site / "index.html" else p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
    )


def test_no_request_leaves_the_local_server(page: Any, site_url: str, built_site: Path, manifest: dict[str, Any],
                                            external_requests: list[str]) -> None:
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}")
            if request.url.startswith(site_url) else None)

    pages = _every_page(built_site)
    assert set(course_page_urls()) <= set(pages) and "404.html" in pages
    for url in pages:
        page.goto(site_url + url)
        settle(page)

    # What a learner does: answer a knowledge check, open search (its index loads on demand).
    page.goto(site_url + manifest["modules"][0]["url"])
    settle(page)
    assert answer_all(page)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(search_word(manifest["modules"][0]["title"]))
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 1
    settle(page)

    assert external_requests == []
    assert failed == []
