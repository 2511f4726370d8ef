"""The certificate page in Chromium: locked until every requirement is met; issuing
with Unicode names; the PDF (pdf-lib + a DejaVu Sans piece) read back with pypdf; a stable
number across reloads and a new one on re-issue; learner input shown only as text;
a clear fallback for names the PDF font cannot show; the printed page; the
completion record; keyboard use and contrast. Every request stays on 127.0.0.1."""

from __future__ import annotations

import io
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cert_helpers import (
    CROCKFORD, FAILING, NUMBER_FORMAT, PASSING, certificate_number, download, issue, long_date, number_bits,
    open_certificate, pdf_text, seed_course, stored_record,
)
from course_facts import hours_text, required, required_steps, step_count
from support import ROOT, color_schemes

pytestmark = pytest.mark.browser

VENDOR_FILES = ("vendor/pdf-lib/pdf-lib.min.js",)  # a Latin name needs no fontkit; its font piece is under assets/pdf-fonts/


@pytest.fixture
def requests_seen(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.fixture
def dialogs(page: Any) -> list[str]:
    fired: list[str] = []

    def record(dialog: Any) -> None:
        fired.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return fired


def _vendor(requests: list[str]) -> list[str]:
    return [url for url in requests if "/vendor/" in url]


def _pdf(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


# ---------------------------------------------------------------- locked


@pytest.mark.parametrize("gap", ["evaluation", "post-test", "module"])
def test_locked_while_a_requirement_is_missing(page: Any, site_url: str, external_requests: list[str], gap: str) -> None:
    manifest = seed_course(page, site_url)
    if not required(manifest, gap):
        pytest.skip(f"this course does not require the {gap} for the certificate (see test_an_optional_step_...)")
    module = manifest["modules"][-1]
    if gap == "evaluation":
        seed_course(page, site_url, evaluation=False)
        expected, url = "Complete the course evaluation", manifest["evaluation"]["url"]
    elif gap == "post-test":
        seed_course(page, site_url, attempts=[FAILING])
        expected, url = f"Pass the post-test ({manifest['course']['pass_mark']}% or more)", manifest["post_test"]["url"]
    else:
        seed_course(page, site_url, skip_quiz=module["quizzes"][-1])
        expected, url = f'Complete the knowledge check of "{module["title"]}"', module["url"]
    open_certificate(page, site_url, manifest)

    widget = page.locator(".course-certificate")
    missing = widget.locator("li.is-missing")
    assert missing.count() == 1
    assert missing.locator(".course-cert-badge").inner_text() == "To do"
    assert missing.locator("a").inner_text() == expected
    assert missing.locator("a").get_attribute("href") == site_url + url
    total = required_steps(manifest)
    assert widget.locator("li.is-done").count() == total - 1
    assert f"{total - 1} of {total} steps done. No certificate can be issued" in widget.inner_text()
    assert widget.locator("form, input, button, .course-cert-doc").count() == 0
    assert stored_record(page, manifest)["certificate"] is None
    assert "issued by your own browser" in widget.inner_text()
    assert external_requests == []


@pytest.mark.parametrize("kind", ["modules", "post_test", "evaluation"])
def test_an_optional_step_is_shown_as_optional_and_never_blocks(page: Any, site_url: str, external_requests: list[str],
                                                                kind: str) -> None:
    """The organizer turns one requirement off (here by editing the served manifest): that step stays
    in the course, marked optional, and the certificate can be issued without it."""
    def optional_manifest(route: Any) -> None:
        response = route.fetch()
        data = response.json()
        data["course"]["requirements"][kind] = False
        route.fulfill(response=response, json=data)

    page.route("**/course-manifest.json", optional_manifest)
    manifest = seed_course(page, site_url, modules=kind != "modules", attempts=[FAILING] if kind == "post_test" else None,
                           evaluation=kind != "evaluation")
    open_certificate(page, site_url, manifest)
    widget = page.locator(".course-certificate")
    optional = widget.locator("li.is-optional")
    # `manifest` is the edited one: this step and any the course already made optional (those the seed completed).
    expected = sum(step_count(manifest, k) for k in ("module", "post-test", "evaluation") if not required(manifest, k))
    assert optional.count() == expected
    badges = optional.locator(".course-cert-badge").all_inner_texts()
    assert badges.count("Optional") == step_count(manifest, {"modules": "module", "post_test": "post-test"}.get(kind, kind))
    assert set(badges) <= {"Optional", "Done"}
    assert widget.locator("li.is-missing").count() == 0
    assert widget.locator("li.is-done").count() == required_steps(manifest)
    number = issue(page, "Zoë Brontë")
    assert NUMBER_FORMAT.match(number)

    page.goto(site_url)
    page.wait_for_selector("body[data-course-ready]")
    panel = page.locator('[data-course-widget="progress"]')
    assert panel.locator(".course-optional").count() == expected
    assert "Certificate: all requirements met." in panel.inner_text()
    assert external_requests == []


# ---------------------------------------------------------------- issuing and the PDF


def test_issue_accented_name_and_download_pdf(page: Any, site_url: str, external_requests: list[str],
                                              requests_seen: list[str], tmp_path: Path) -> None:
    manifest = seed_course(page, site_url)
    course = manifest["course"]
    open_certificate(page, site_url, manifest)
    assert page.locator("li.is-missing").count() == 0
    number = issue(page, "José Núñez", "LCSW", "A-12345")

    assert number_bits(number) >= 96
    doc = page.locator(".course-cert-doc")
    assert doc.locator('[data-field="name"]').inner_text() == "José Núñez"
    assert "LCSW · License no. A-12345" in doc.inner_text()
    expect(page.get_by_role("status")).to_have_text(f"Your certificate was issued with number {number}.")
    assert page.evaluate("document.activeElement.textContent") == "Your certificate"
    stored = stored_record(page, manifest)["certificate"]
    assert stored["number"] == number and stored["name"] == "José Núñez"
    assert stored["credential"] == "LCSW" and stored["license"] == "A-12345"
    assert stored["postTest"]["score"] == PASSING["score"]
    assert stored["course"]["title"] == course["title"] and stored["course"]["version"] == course["version"]
    completed = long_date(stored["completedOn"])
    signer = course["signer"]["name"] or course["signer"]["title"]  # a person, or (this open course) a role
    for text in (course["title"], hours_text(course["ce_hours"]), completed, "92%", signer, course["accreditation"],
                 course["delivery_format"], f"Version {course['version']}"):
        assert text in doc.inner_text(), text
    assert doc.locator('[data-field="version"]').inner_text() == f"Version {course['version']}", "in the small print"
    assert doc.locator(".course-cert-doc__facts").get_by_text(course["version"], exact=True).count() == 0, "not a headline fact"
    assert _vendor(requests_seen) == [], "pdf-lib and the font load only when a PDF is asked for"

    pdf_path = download(page, "download-pdf", tmp_path)
    assert pdf_path.name == f"certificate-{number}.pdf"
    reader = _pdf(pdf_path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "landscape"
    text = pdf_text(pdf_path)
    for expected in ("Certificate of Completion", "José Núñez", "LCSW · License no. A-12345", course["title"],
                     f"Version {course['version']}", f"{hours_text(course['ce_hours'])} CE hours", f"Completed {completed}", "Post-test score 92%",
                     number, course["provider"], signer, course["delivery_format"], "has not been approved"):
        assert expected in " ".join(text.split()), expected  # a long signer's role may take two lines
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in font for font in fonts), fonts
    assert pdf_path.stat().st_size < 120_000, "the font is subset"
    assert sorted(url.split("/", 6)[-1] for url in _vendor(requests_seen)) == sorted(VENDOR_FILES)
    expect(page.get_by_role("status")).to_have_text("The PDF certificate was downloaded.")
    assert external_requests == []


def test_certificate_numbers_are_random_base32_groups(page: Any, site_url: str, external_requests: list[str]) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    numbers = page.evaluate("""async () => {
        const src = document.querySelector('script[type=module][src*="course.js"]').src;
        const { newCertificateNumber } = await import(src.replace(/course\\.js$/, "certificate-model.js"));
        return Array.from({ length: 3000 }, () => newCertificateNumber());
    }""")
    assert len(set(numbers)) == len(numbers)
    assert all(NUMBER_FORMAT.match(n) and number_bits(n) >= 96 for n in numbers)
    symbols = [n.replace("-", "") for n in numbers]
    for position in range(len(symbols[0])):
        seen = Counter(s[position] for s in symbols)
        assert set(seen) == set(CROCKFORD), f"position {position} does not use the whole alphabet"
    assert external_requests == []


def test_same_certificate_after_reload_and_new_number_on_reissue(page: Any, site_url: str, external_requests: list[str],
                                                                  tmp_path: Path) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    first = issue(page, "Zoë Brontë")
    stored = stored_record(page, manifest)["certificate"]
    (tmp_path / "first").mkdir()
    (tmp_path / "again").mkdir()
    first_pdf = pdf_text(download(page, "download-pdf", tmp_path / "first"))

    page.reload()
    assert certificate_number(page) == first
    assert page.locator('.course-cert-doc [data-field="name"]').inner_text() == "Zoë Brontë"
    assert stored_record(page, manifest)["certificate"] == stored
    assert page.locator("form.course-cert-form:visible").count() == 0, "no new issue form once issued"
    again = pdf_text(download(page, "download-pdf", tmp_path / "again"))
    assert again == first_pdf and "Zoë Brontë" in again and first in again

    # Changing the name is explicit and confirmed; cancelling keeps everything.
    toggle = page.get_by_role("button", name="Re-issue with a new name")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    panel = page.locator(".course-cert-reissue-panel")
    assert panel.get_by_label("Full name (required)").input_value() == "Zoë Brontë"
    panel.get_by_label("Full name (required)").fill("Zoë Brontë-Smith")
    panel.get_by_role("button", name="Continue").click()
    assert f"Certificate {first} will be replaced" in panel.locator(".course-cert-confirm").inner_text()
    panel.get_by_role("button", name="Cancel").click()
    assert certificate_number(page) == first
    assert stored_record(page, manifest)["certificate"] == stored

    panel.get_by_role("button", name="Continue").click()
    panel.get_by_role("button", name="Yes, re-issue").click()
    page.locator('.course-cert-doc [data-field="name"]', has_text="Zoë Brontë-Smith").wait_for()
    second = certificate_number(page)
    assert second != first and NUMBER_FORMAT.match(second)
    renewed = stored_record(page, manifest)["certificate"]
    assert renewed["name"] == "Zoë Brontë-Smith" and renewed["number"] == second
    assert renewed["replaces"] == [first] and renewed["completedOn"] == stored["completedOn"]
    expect(page.get_by_role("status")).to_contain_text(f"It replaces number {first}")
    page.reload()
    assert certificate_number(page) == second
    assert external_requests == []


def test_completion_record_for_the_organizer(page: Any, site_url: str, external_requests: list[str], tmp_path: Path) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    number = issue(page, "Anna Kowalska", "PhD", "PSY 12345")
    data = json.loads(download(page, "download-record", tmp_path).read_text(encoding="utf-8"))
    record = stored_record(page, manifest)

    assert data["format"] == "ce-course-completion-record"
    assert "organizer's records decide" in data["notice"]
    assert data["course"]["id"] == manifest["course"]["id"] and data["course"]["version"] == manifest["course"]["version"]
    assert data["learner"] == {"name": "Anna Kowalska", "credential": "PhD", "license": "PSY 12345"}
    assert data["certificate"]["number"] == number
    assert data["certificate"]["issuedAt"] == record["certificate"]["issuedAt"]
    assert data["startedAt"] == "2025-03-01T09:00:00.000Z"
    assert [m["slug"] for m in data["modules"]] == [m["slug"] for m in manifest["modules"]]
    assert all(m["state"] == "done" and m["score"] == 100 and m["total"] == len(src["quizzes"])
               for m, src in zip(data["modules"], manifest["modules"]))
    assert data["postTest"]["attempts"] == [FAILING, PASSING]
    assert data["postTest"]["passingAttempt"]["score"] == PASSING["score"]
    ratings = data["evaluation"]["ratings"]
    assert [r["id"] for r in ratings] == [i["id"] for i in manifest["evaluation"]["items"]]
    assert ratings[0]["value"] == 1 and ratings[0]["label"] == manifest["evaluation"]["scale"][0]
    assert [c["text"] for c in data["evaluation"]["comments"]] == [f"Comment for {c['id']}" for c in manifest["evaluation"]["comments"]]
    assert external_requests == []


# ---------------------------------------------------------------- learner input is text


def test_markup_in_inputs_is_shown_as_text_and_runs_nothing(page: Any, site_url: str, external_requests: list[str],
                                                            dialogs: list[str], requests_seen: list[str], tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)>"
    credential = "<script>alert(2)</script>"
    license_number = '"><svg onload=alert(3)>'
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, name, credential, license_number)
    page.wait_for_timeout(300)

    doc = page.locator(".course-cert-doc")
    assert doc.locator('[data-field="name"]').inner_text() == name
    assert doc.locator('[data-field="credentials"]').inner_text() == f"{credential} · License no. {license_number}"
    # The only image is the organizer's signature (a course may have one): nothing the learner typed.
    assert page.locator(".course-certificate img:not(.course-cert-doc__signature), .course-certificate svg, .course-certificate script").count() == 0
    assert page.locator("img[src='x'], svg[onload]").count() == 0
    assert page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))") is False
    assert name in pdf_text(download(page, "download-pdf", tmp_path))

    page.get_by_role("button", name="Re-issue with a new name").click()
    page.locator(".course-cert-reissue-panel").get_by_role("button", name="Continue").click()
    assert name in page.locator(".course-cert-confirm").inner_text()
    page.reload()
    assert page.locator('.course-cert-doc [data-field="name"]').inner_text() == name
    page.wait_for_timeout(300)
    assert page.locator(".course-certificate img:not(.course-cert-doc__signature)").count() == 0
    assert dialogs == []
    assert not [url for url in requests_seen if url.rstrip("/").endswith("/x")]
    assert external_requests == []


# ---------------------------------------------------------------- scripts the PDF font covers, and those it does not


@pytest.mark.parametrize("name", ["Łukasz Wiśniewski-Żółć", "Анна Каренина", "Ζωή Παπαδοπούλου"])
def test_polish_cyrillic_and_greek_names_in_the_pdf(page: Any, site_url: str, external_requests: list[str],
                                                     tmp_path: Path, name: str) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    number = issue(page, name)
    text = pdf_text(download(page, "download-pdf", tmp_path))
    assert name in text and number in text
    assert external_requests == []


@pytest.mark.parametrize("name, shown", [("አበበ ቢቂላ", "አ"), ("Anna 😀", "😀"), ("សុខ ចាន់", "ស")])  # no font piece: Ethiopic, emoji, Khmer
def test_names_the_pdf_cannot_show_get_the_printable_certificate(page: Any, site_url: str, external_requests: list[str],
                                                                 requests_seen: list[str], name: str, shown: str) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, name)
    assert page.locator('.course-cert-doc [data-field="name"]').inner_text() == name
    assert page.locator('[data-action="download-pdf"]').count() == 0, "no PDF is offered"
    message = page.locator(".course-cert-unsupported")
    assert message.is_visible()
    assert "No PDF for this name" in message.inner_text() and shown in message.inner_text()
    assert '"Print certificate"' in message.inner_text()
    assert page.get_by_role("button", name="Print certificate").is_visible()
    assert page.get_by_role("button", name="Download completion record").is_visible()
    assert _vendor(requests_seen) == []
    assert external_requests == []


def test_a_letter_missing_from_the_font_is_caught_before_any_download(page: Any, site_url: str,
                                                                      external_requests: list[str]) -> None:
    """U+1DF00 is a Latin letter (Unicode 14) that DejaVu Sans 2.37 lacks: only the font's own check catches it."""
    downloads: list[Any] = []
    page.on("download", lambda item: downloads.append(item))
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "Ann \U0001DF00")
    page.locator('[data-action="download-pdf"]').click()
    page.locator(".course-cert-unsupported").wait_for()
    assert "\U0001DF00" in page.locator(".course-cert-unsupported").inner_text()
    assert page.locator('[data-action="download-pdf"]').count() == 0
    expect(page.get_by_role("status")).to_contain_text("No PDF was made")
    assert downloads == []
    assert external_requests == []


# ---------------------------------------------------------------- print


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_print_is_only_the_certificate_on_one_landscape_page(page: Any, site_url: str, external_requests: list[str],
                                                             tmp_path: Path, paper: str) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    number = issue(page, "José Núñez")
    path = tmp_path / "printed.pdf"
    page.pdf(path=str(path), format=paper, prefer_css_page_size=True, print_background=False)
    reader = _pdf(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = unicodedata.normalize("NFKC", pdf_text(path))  # the browser's print sets "fi", "ff" as ligatures
    assert "José Núñez" in text and number in text and manifest["course"]["title"] in text
    for chrome in ("Download PDF", "Re-issue", "Requirements", "Who issues this certificate", "Previous", "Search"):
        assert chrome not in text
    assert external_requests == []


# ---------------------------------------------------------------- keyboard and contrast


def test_keyboard_only_issue_with_visible_focus(page: Any, site_url: str, external_requests: list[str]) -> None:
    manifest = seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    name_input = page.get_by_label("Full name (required)")
    for _ in range(80):
        if page.evaluate("document.activeElement.id") == name_input.get_attribute("id"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the name field cannot be reached with Tab")

    page.keyboard.press("Enter")  # submitting without a name
    assert name_input.get_attribute("aria-invalid") == "true"
    expect(page.get_by_role("status")).to_contain_text("Enter your name")
    assert page.evaluate("document.activeElement.id") == name_input.get_attribute("id")

    page.keyboard.type("Zoë Brontë")
    page.keyboard.press("Tab")
    page.keyboard.type("RN")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.textContent, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert focused[0] == "Issue certificate" and focused[1] != "none" and focused[2] >= 2
    page.keyboard.press("Enter")
    certificate_number(page)
    assert stored_record(page, manifest)["certificate"]["credential"] == "RN"
    assert external_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_widget_has_no_axe_violations(page: Any, site_url: str, external_requests: list[str], scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

    def violations() -> list[str]:
        result = axe.run(page, context=".course-certificate", options=options)
        return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result.response["violations"]]

    manifest = seed_course(page, site_url, evaluation=False)
    open_certificate(page, site_url, manifest)
    assert page.locator("body").get_attribute("data-md-color-scheme") == color_schemes(ROOT)[scheme]
    assert violations() == []
    seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    page.get_by_role("button", name="Issue certificate").click()  # shows the name error
    assert violations() == []
    issue(page, "Zoë Brontë")
    page.get_by_role("button", name="Re-issue with a new name").click()
    assert violations() == []
    assert external_requests == []
