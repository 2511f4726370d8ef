"""What a board looks for on the certificate, in Chromium: a person who signs (credentials, a signature
image on the page and in the PDF), the delivery format, the provider's contact, the version in small
print; the learner's name on one line where it can be (never broken inside "Fernández-López"); and the
completion summary beside the JSON record, on screen and printed on its own.

This course names no person (a role signs), so the person case is the served manifest edited, as an
organizer's mkdocs.yml would make it (tests/second_course has one for real)."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cert_helpers import PASSING, download, issue, long_date, open_certificate, pdf_text, record_key, seed_course, stored_record

pytestmark = pytest.mark.browser

SIGNER = {"name": "Dr Ana Ruiz-Olmedo", "credentials": "PhD, ABPP", "title": "Director of Continuing Education",
          "signature": "assets/images/favicon.png"}  # a PNG every built site has
CONTACT = {"email": "ce@provider.test", "url": "https://provider.test/ce"}
FORMAT = "Home study (online)"
LONG_NAME = "María Guadalupe Fernández-López de la Cruz"
MODULE_DAY = "2025-03-05T10:00:00.000Z"


def _person_manifest(page: Any) -> None:
    def edit(route: Any) -> None:
        response = route.fetch()
        data = response.json()
        data["course"].update({"signer": SIGNER, "contact": CONTACT, "delivery_format": FORMAT})
        route.fulfill(response=response, json=data)

    page.route("**/course-manifest.json", edit)


def _name_lines(page: Any) -> dict[str, Any]:
    """How the name is laid out: its lines (distinct word tops), each word's boxes, its font size."""
    return page.evaluate("""() => {
        const name = document.querySelector('.course-cert-doc [data-field="name"]');
        const words = [...name.querySelectorAll('.course-cert-doc__word')];
        return { lines: new Set(words.map((w) => Math.round(w.getBoundingClientRect().top))).size,
                 boxes: words.map((w) => w.getClientRects().length),
                 size: parseFloat(getComputedStyle(name).fontSize),
                 fits: name.scrollWidth <= name.clientWidth + 1 };
    }""")


def test_a_person_signs_with_credentials_and_a_signature_on_page_and_pdf(page: Any, site_url: str, external_requests: list[str],
                                                                        tmp_path: Path) -> None:
    _person_manifest(page)
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    number = issue(page, "José Núñez")
    stored = stored_record(page, manifest)["certificate"]
    assert stored["signer"] == SIGNER and stored["course"]["contact"] == CONTACT and stored["course"]["deliveryFormat"] == FORMAT

    doc = page.locator(".course-cert-doc")
    signer = doc.locator('[data-field="signer"]')
    image = signer.get_by_role("img", name=f"Signature of {SIGNER['name']}")
    expect(image).to_be_visible()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", image.element_handle()), "the image loaded"
    assert signer.locator(".course-cert-doc__signer-name").inner_text() == f"{SIGNER['name']}, {SIGNER['credentials']}"
    assert signer.locator(".course-cert-doc__signer-title").inner_text() == SIGNER["title"]
    assert doc.locator('[data-field="delivery"] dd').inner_text() == FORMAT
    assert doc.locator('[data-field="contact"]').inner_text() == f"Contact: {CONTACT['email']} · {CONTACT['url']}"
    assert doc.locator('[data-field="version"]').inner_text() == f"Version {manifest['course']['version']}"
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    assert Axe().run(page, context=".course-certificate", options=options).response["violations"] == []

    pdf = download(page, "download-pdf", tmp_path)
    text = " ".join(pdf_text(pdf).split())
    for expected in (f"{SIGNER['name']}, {SIGNER['credentials']}", SIGNER["title"], FORMAT, CONTACT["email"], CONTACT["url"],
                     f"Version {manifest['course']['version']}", number):
        assert expected in text, expected
    resources = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages[0]["/Resources"]
    images = [x for x in resources.get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1, "the signature is embedded in the PDF"

    record = json.loads(download(page, "download-record", tmp_path).read_text(encoding="utf-8"))
    assert record["formatVersion"] == 2 and record["course"]["deliveryFormat"] == FORMAT and record["course"]["contact"] == CONTACT
    assert external_requests == []


def test_a_signature_path_to_another_site_is_never_requested(page: Any, site_url: str, external_requests: list[str]) -> None:
    """The stored copy is the learner's to edit: a signature pointing elsewhere is not shown (nor fetched)."""
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "Zoë Brontë")
    page.evaluate("""(key) => { const r = JSON.parse(localStorage.getItem(key));
        r.certificate.signer.signature = "https://tracker.test/pixel.png"; localStorage.setItem(key, JSON.stringify(r)); }""",
                  record_key(manifest))
    page.reload()
    page.locator(".course-cert-doc").wait_for()
    assert page.locator(".course-cert-doc img").count() == 0
    assert external_requests == []


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_a_long_hyphenated_name_stays_on_one_line(page: Any, site_url: str, external_requests: list[str],
                                                  width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "María José Fernández-López")
    expect(page.locator(".course-cert-doc [data-field=name]")).to_have_text("María José Fernández-López")
    page.wait_for_function("() => document.querySelector('.course-cert-doc [data-field=name]').style.getPropertyValue('--cert-name-ems')")
    layout = _name_lines(page)
    assert layout == {**layout, "lines": 1, "fits": True}, layout
    assert layout["boxes"] == [1, 1, 1], "no word is broken"

    # A short name keeps the full size; one too long for the minimum size wraps, between words only.
    page.get_by_role("button", name="Re-issue with a new name").click()
    panel = page.locator(".course-cert-reissue-panel")
    panel.get_by_label("Full name (required)").fill(f"{LONG_NAME} {LONG_NAME}")
    panel.get_by_role("button", name="Continue").click()
    panel.get_by_role("button", name="Yes, re-issue").click()
    page.locator(".course-cert-doc [data-field=name]", has_text="de la Cruz María").wait_for()
    page.wait_for_timeout(200)
    long = _name_lines(page)
    assert long["lines"] > 1 and set(long["boxes"]) == {1}, long
    assert long["size"] >= 17.5, "not smaller than the minimum (0.9rem)"
    assert external_requests == []


def test_the_name_fits_the_printed_certificate_too(page: Any, site_url: str, external_requests: list[str], tmp_path: Path) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, LONG_NAME)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1123, "height": 794})
    layout = _name_lines(page)
    assert layout["lines"] == 1 and layout["fits"], layout
    page.emulate_media(media="screen")
    path = tmp_path / "printed.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    text = unicodedata.normalize("NFKC", pdf_text(path))
    assert LONG_NAME in text.replace("\n", " ")
    assert external_requests == []


def test_the_completion_summary_reads_the_record_in_words_and_prints_alone(page: Any, site_url: str, external_requests: list[str],
                                                                             tmp_path: Path) -> None:
    manifest = seed_course(page, site_url)
    first, *rest = manifest["modules"]
    page.evaluate("""([key, slug, at]) => { const r = JSON.parse(localStorage.getItem(key));
        r.modules = { [slug]: { completedAt: at } }; localStorage.setItem(key, JSON.stringify(r)); }""",
                  [record_key(manifest), first["slug"], MODULE_DAY])
    open_certificate(page, site_url, manifest)
    number = issue(page, "Anna Kowalska", "PhD")

    summary = page.get_by_role("region", name="Completion summary")
    expect(summary).to_be_visible()
    facts = {row.locator("dt").inner_text(): row.locator("dd").inner_text() for row in summary.locator("dl > div").all()}
    course = manifest["course"]
    assert facts["Learner"] == "Anna Kowalska · PhD"
    assert facts["Course"] == course["title"] and facts["Version"] == course["version"]
    assert facts["Format"] == course["delivery_format"] != ""  # the organizer's, or the catalogue's "Online self-study"
    assert facts["Started"] == "March 1, 2025"
    assert facts["Post-test"] == f"92% ({PASSING['correct']} of {PASSING['total']} correct), passed on {long_date(PASSING['at'])}"
    assert facts["Attempts"] == "2"
    if manifest["evaluation"]:
        assert facts["Course evaluation"] == "Submitted on March 10, 2025"
    assert facts["Certificate"].startswith(f"Number {number}, issued on ")
    rows = summary.locator("table tbody tr")
    assert rows.count() == len(manifest["modules"])
    assert rows.nth(0).locator("td").all_inner_texts() == [first["title"], "March 5, 2025"]
    assert all(rows.nth(i + 1).locator("td").nth(1).inner_text() == "Not recorded" for i in range(len(rest)))

    page.evaluate("() => { window.print = () => { window.__printed = document.body.dataset.certPrint; }; }")
    summary.get_by_role("button", name="Print summary").click()
    assert page.evaluate("window.__printed") == "summary"
    path = tmp_path / "summary.pdf"
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height), "portrait"
    text = unicodedata.normalize("NFKC", pdf_text(path))
    assert "Completion summary" in text and "Anna Kowalska" in text and number in text and first["title"] in text
    assert "Certificate of Completion" not in text and "Print summary" not in text
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.body.dataset.certPrint") is None

    # Printing the certificate leaves the summary out.
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    assert "Completion summary" not in pdf_text(path)
    assert external_requests == []
