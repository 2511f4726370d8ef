"""The course interface in the course's language, in Chromium: the small course built with
`theme.language: de` and `ar` shows none of the English catalogue's texts on the course
home, a module, the post-test, the evaluation and the certificate page; Arabic pages read
right to left; the German PDF is German and tagged so. And credit as configuration: a
non-credit course (`credit_unit: none`) shows no credit line anywhere and issues a
certificate of completion without credit."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path
from typing import Any, Iterator

import pypdf
import pytest
from playwright.sync_api import expect

from cert_helpers import download, open_certificate, pdf_text, seed_course
from page_helpers import open_course_page
from support import ROOT, copy_mini_course, edit, mkdocs_build, serve

sys.path.insert(0, str(ROOT / "hooks"))

from coursekit.i18n import reference, shipped, split_plural  # noqa: E402
from coursekit.yaml_source import load_yaml  # noqa: E402

pytestmark = pytest.mark.browser

LANGUAGES = ("de", "ar")
GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember")
# Every text in the article except mkdocs-quiz's own (it has no Arabic: its buttons stay English there).
_ARTICLE_TEXT = """() => {
  const root = document.querySelector(".md-content__inner");
  const parts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent.closest(".quiz, .quiz-progress-mobile, #quiz-progress-sidebar, script, style")) continue;
    parts.push(walker.currentNode.textContent);
  }
  for (const node of root.querySelectorAll("[aria-label], [title]")) {
    if (!node.closest(".quiz")) parts.push(node.getAttribute("aria-label") || "", node.getAttribute("title") || "");
  }
  return parts.join(" ");
}"""


def _build(folder: Path, language: str | None, *, credit_unit: str | None = None) -> Path:
    """The small course with a certificate page and a progress panel, in `language`."""
    course = copy_mini_course(folder)
    config = course / "mkdocs.yml"
    if language:
        edit(config, "  name: material\n", f"  name: material\n  language: {language}\n")
    if credit_unit:
        edit(config, "    ce_hours: 0.5\n", f"    credit_unit: {credit_unit}\n")
        edit(config, "    words_per_ce_hour: 200\n", "")
    edit(config, "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Certificate: certificate.md\n")
    (course / "docs" / "certificate.md").write_text("---\ncourse:\n  role: certificate\n---\n\n# Certificate\n", encoding="utf-8")
    edit(course / "docs" / "index.md", "<!-- course:modules -->", "<!-- course:modules -->\n\n<!-- course:progress -->")
    result = mkdocs_build(config, folder / "site")
    assert result.returncode == 0, result.stderr + result.stdout
    return course


@pytest.fixture(scope="module")
def courses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, Path]]]:
    """language -> (site URL, course folder): the small course in German, in Arabic, and without credit in English."""
    with contextlib.ExitStack() as stack:
        found = {}
        for name, language, unit in (("de", "de", None), ("ar", "ar", None), ("none", None, "none")):
            folder = tmp_path_factory.mktemp(f"course-{name}")
            course = _build(folder, language, credit_unit=unit)
            found[name] = (stack.enter_context(serve(folder / "site")), course)
        yield found


def _content(course: Path) -> str:
    """Every text the organizer wrote (pages; values in banks and settings): English here, and rightly shown as written."""
    def values(data: Any) -> Iterator[str]:
        if isinstance(data, dict):
            for value in data.values():
                yield from values(value)
        elif isinstance(data, list):
            for value in data:
                yield from values(value)
        elif isinstance(data, str):
            yield data

    pages = [path.read_text(encoding="utf-8") for path in course.rglob("*.md")]
    yamls = [value for path in [course / "mkdocs.yml", *course.rglob("*.yml")]
             for value in values(load_yaml(path.read_text(encoding="utf-8"), path.name, allow_aliases=True).data)]
    return "\n".join(pages + yamls).casefold()


def _english_left(language: str, course: Path) -> dict[str, str]:
    """English fragments (between placeholders, over 3 characters) a page in `language` must not show.

    A fragment is left out when the language's own catalogue uses it too ("Version"), or the course's
    own content does (the mini course's page titles are English)."""
    target = shipped(language)
    own = "\n".join(target.values()).casefold()
    content = _content(course)
    fragments: dict[str, str] = {}
    for key, english in reference().items():
        base, category = split_plural(key)
        translated = target.get(key) or target.get(f"{base}_other") if category else target.get(key)
        if translated == english:
            continue
        for piece in re.split(r"\{[a-z_]+\}", english.replace("**", "")):
            fragment = piece.strip(" *\"().,:;—")
            if len(fragment) > 3 and fragment.casefold() not in own and fragment.casefold() not in content:
                fragments[fragment] = key
    return fragments


def _assert_translated(page: Any, language: str, course: Path, where: str) -> str:
    text = page.evaluate(_ARTICLE_TEXT)
    left = {fragment: key for fragment, key in _english_left(language, course).items() if fragment in text}
    assert not left, f"{where} in '{language}' shows English catalogue texts: {left}"
    return text


def _issue(page: Any, name: str) -> None:
    """Issue the certificate through the form, whatever language its labels are in."""
    form = page.locator("form.course-cert-form")
    form.locator('input[name="name"]').fill(name)
    form.locator('button[type="submit"]').click()
    page.locator('.course-cert-doc [data-field="number"]').wait_for()


# ---------------------------------------------------------------- the course's language


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_show_the_interface_in_the_course_language(page: Any, courses: dict[str, tuple[str, Path]], language: str) -> None:
    url, course = courses[language]
    shown = shipped(language)
    open_course_page(page, url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    home = _assert_translated(page, language, course, "the course home")
    for key in ("page.details.header.fact", "page.details.provider", "transfer.export"):
        assert shown[key] in home, key

    open_course_page(page, url + "lessons/reef-knot/")
    module = _assert_translated(page, language, course, "a module")
    assert shown["page.objectives.title"] in module
    expect(page.locator(".course-position")).to_contain_text(shown["position.course_progress"])

    open_course_page(page, url + "final/")
    page.wait_for_selector("form.course-post-test[data-ready]")
    page.locator("form.course-post-test button[type=submit]").click()  # nothing answered: the status says so
    expect(page.locator("form.course-post-test .course-form-status")).not_to_be_empty()
    for fieldset in page.locator("fieldset.course-question").all():
        fieldset.locator("input").first.check()
    page.locator("form.course-post-test button[type=submit]").click()
    expect(page.locator(".course-attempts li")).to_have_count(1)
    test = _assert_translated(page, language, course, "the post-test")
    assert shown["post_test.attempts.title"] in test
    if language == "de":
        assert re.search(rf"\d{{1,2}}\. ({'|'.join(GERMAN_MONTHS)}) \d{{4}}", test), "the attempt's date is not German"

    open_course_page(page, url + "feedback/")
    page.wait_for_selector("form.course-evaluation[data-ready]")
    page.locator("form.course-evaluation button[type=submit]").click()
    expect(page.locator("form.course-evaluation .course-form-status")).not_to_be_empty()
    _assert_translated(page, language, course, "the evaluation")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_certificate_is_in_the_course_language(page: Any, courses: dict[str, tuple[str, Path]], language: str,
                                                   tmp_path: Path) -> None:
    url, course = courses[language]
    shown = shipped(language)
    manifest = seed_course(page, url)
    assert manifest["language"] == language and manifest["strings"]["certificate.doc.title"] == shown["certificate.doc.title"]
    open_certificate(page, url, manifest)
    _assert_translated(page, language, course, "the certificate page before issuing")
    _issue(page, "Zoë Brontë")
    text = _assert_translated(page, language, course, "the issued certificate")
    assert shown["certificate.doc.title"] in text
    assert shown["credit.unit.ce-hours_other"].replace("{amount}", "0,5" if language == "de" else "0.5") in text
    path = download(page, "download-pdf", tmp_path)  # Arabic too: joined and right to left (tests/browser/test_pdf_scripts.py)
    pdf = pdf_text(path)
    for key in ("certificate.doc.title", "certificate.doc.certifies", "certificate.doc.completed", "certificate.doc.number"):
        assert shown[key] in pdf, key
    if language == "de":
        assert "0,5 Fortbildungsstunden" in pdf
        assert re.search(rf"Abgeschlossen am \d{{1,2}}\. ({'|'.join(GERMAN_MONTHS)}) \d{{4}}", pdf)
    english = [f for f in _english_left(language, course) if f in pdf]
    assert not english, f"the {language} PDF shows English: {english}"
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title == shown["certificate.pdf.title"].replace("{course}", manifest["course"]["title"])


# ---------------------------------------------------------------- credit as configuration


def test_a_non_credit_course_shows_no_credit_anywhere(page: Any, courses: dict[str, tuple[str, Path]]) -> None:
    url, _ = courses["none"]
    english = reference()
    credit_words = [english[key].replace("{amount}", "").strip() for key in english if key.startswith("credit.")]
    credit_words += ["continuing-education", english["page.details.credit"], english["page.details.credit_basis"]]
    manifest = seed_course(page, url)
    assert manifest["course"]["credit"] == {"amount": 0, "unit": "none"}
    assert manifest["course"]["accreditation"] is None
    pages = {"home": "", "module": "lessons/reef-knot/", "post-test": "final/", "evaluation": "feedback/"}
    for name, path in pages.items():
        open_course_page(page, url + path)
        text = page.evaluate(_ARTICLE_TEXT)
        assert not [w for w in credit_words if w in text], f"the {name} page speaks of credit: {text[:400]}"
    open_certificate(page, url, manifest)
    _issue(page, "Ada Lovelace")
    text = page.evaluate(_ARTICLE_TEXT)
    assert english["certificate.doc.completed.no_credit"] in text and english["certificate.trust.text.no_credit"] in text
    assert not [w for w in credit_words if w in text], text
    assert page.locator(".course-cert-doc__facts dt").all_text_contents() == [
        english["certificate.doc.delivery"], english["certificate.doc.completed_on"], english["certificate.doc.score"]]
    stored = page.evaluate("key => JSON.parse(localStorage.getItem(key))", f"ce_course_{manifest['course']['id']}@/")
    assert stored["certificate"]["course"]["creditUnit"] == "none"
