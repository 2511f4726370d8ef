"""The organizer's certificate preview (certificate page + #preview): a sample certificate
from the course settings, marked "SAMPLE - not a certificate" on screen, in print and in
the PDF, numbered "SAMPLE"; it never changes what the browser stores and never unlocks or
replaces the learner's real certificate."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cert_helpers import FAILING, certificate_number, download, issue, open_certificate, pdf_text, seed_course

pytestmark = pytest.mark.browser

MARK = "SAMPLE - not a certificate"
# Everything stored but the theme's own entries (Material keeps its palette as "<path>.__palette").
_STORAGE = """() => Object.fromEntries(Object.keys(localStorage).filter((k) => !k.includes(".__")).sort()
                                        .map((k) => [k, localStorage.getItem(k)]))"""


def _open_preview(page: Any, site_url: str, manifest: dict[str, Any]) -> Any:
    page.goto("about:blank")  # a fresh load, not a change of the #fragment
    page.goto(site_url + manifest["certificate"]["url"] + "#preview")
    widget = page.locator(".course-certificate[data-ready]")
    widget.wait_for(state="attached")
    return widget


def test_preview_shows_a_marked_sample_and_stores_nothing(page: Any, site_url: str, external_requests: list[str],
                                                          tmp_path: Path) -> None:
    manifest = seed_course(page, site_url, attempts=[FAILING])  # a learner part-way (post-test not passed): locked
    open_certificate(page, site_url, manifest)  # the course's own scripts have kept what they keep on a visit
    before = page.evaluate(_STORAGE)
    widget = _open_preview(page, site_url, manifest)

    doc = widget.locator(".course-cert-doc")
    expect(doc).to_have_count(1)
    expect(doc.locator("[data-sample-mark]")).to_have_text(MARK)
    expect(doc.locator("[data-sample-mark]")).to_be_visible()
    assert doc.get_attribute("aria-label").startswith(MARK)
    assert doc.locator('[data-field="number"]').inner_text() == "SAMPLE"
    assert doc.locator('[data-field="name"]').inner_text() == "Sample Learner"
    assert manifest["course"]["title"] in doc.inner_text() and manifest["course"]["signer"]["name"] in doc.inner_text()
    assert widget.locator("form").count() == 0, "no issue form in the preview"

    pdf = download(page, "download-sample-pdf", tmp_path)
    text = pdf_text(pdf)
    assert MARK in text and "SAMPLE" in text.replace(MARK, "")
    assert manifest["course"]["title"] in text and "Sample Learner" in text
    expect(widget.get_by_role("status")).to_have_text("The sample PDF was downloaded.")

    assert page.evaluate(_STORAGE) == before, "the preview changed what the browser stores"
    page.get_by_role("link", name="Leave the preview").click()
    page.locator(".course-certificate[data-ready] .course-cert-requirements").wait_for()
    assert widget.locator("li.is-missing").count() == 1, "still locked: the preview unlocks nothing"
    assert widget.locator(".course-cert-doc").count() == 0
    assert page.evaluate(_STORAGE) == before
    assert external_requests == []


def test_preview_in_print_carries_the_mark(page: Any, site_url: str, external_requests: list[str], tmp_path: Path) -> None:
    manifest = seed_course(page, site_url, evaluation=False)
    _open_preview(page, site_url, manifest)
    path = tmp_path / "printed.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True, print_background=False)
    text = unicodedata.normalize("NFKC", pdf_text(path))  # the browser's print sets "fi" as one ligature
    assert MARK in text and "Sample Learner" in text and manifest["course"]["title"] in text
    for chrome in ("Certificate preview", "Leave the preview", "Download sample PDF"):
        assert chrome not in text
    assert external_requests == []


def test_preview_leaves_an_issued_certificate_alone(page: Any, site_url: str, external_requests: list[str]) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    number = issue(page, "Ada Lovelace")
    before = page.evaluate(_STORAGE)

    page.evaluate("() => { location.hash = 'preview'; }")  # switching by the address's fragment, no reload
    doc = page.locator(".course-cert-doc")
    expect(doc.locator('[data-field="number"]')).to_have_text("SAMPLE")
    assert "Ada Lovelace" not in page.locator(".course-certificate").inner_text()
    assert page.evaluate(_STORAGE) == before

    page.evaluate("() => { location.hash = ''; }")
    expect(doc.locator('[data-field="name"]')).to_have_text("Ada Lovelace")
    assert certificate_number(page) == number
    assert page.locator("[data-sample-mark]").count() == 0
    assert page.evaluate(_STORAGE) == before
    assert external_requests == []


def test_preview_has_no_axe_violations(page: Any, site_url: str, external_requests: list[str]) -> None:
    manifest = seed_course(page, site_url, evaluation=False)
    _open_preview(page, site_url, manifest)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    result = Axe().run(page, context=".course-certificate", options=options)
    assert [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]] == []
    assert external_requests == []
