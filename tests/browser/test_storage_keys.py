"""One learner record per course AND site: two copies of one course (the same course id)
served under /a/ and /b/ on one origin keep separate records. A certificate issued in A
does not show in B, "Start over" in B leaves A intact, and a record stored under the
legacy key (course id only) moves to its site's key the first time that site opens."""

from __future__ import annotations

import json
import shutil
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from cert_helpers import certificate_number, issue
from support import copy_mini_course, edit, mkdocs_build, serve

pytestmark = pytest.mark.browser

SITES = ("a", "b")

# A finished course for the site at `base`: every knowledge check answered, the
# post-test passed and the evaluation submitted, stored under that site's keys.
_FINISH = """
async ({ base }) => {
  const root = new URL(base, location.origin);
  const manifest = await (await fetch(new URL("course-manifest.json", root))).json();
  for (const module of manifest.modules) {
    const answers = Object.fromEntries(module.quizzes.map((id) => [id, { answered: true, correct: true, selectedValues: [] }]));
    localStorage.setItem(manifest.quiz_storage_prefix + new URL(module.url, root).pathname, JSON.stringify(answers));
  }
  const likert = Object.fromEntries(manifest.evaluation.items.map((item) => [item.id, 1]));
  const record = { schema: 1, courseId: manifest.course.id, startedAt: "2025-03-01T09:00:00.000Z",
                   postTest: { attempts: [{ at: "2025-03-10T14:05:00.000Z", score: 100, correct: 2, total: 2, passed: true }] },
                   evaluation: { submittedAt: "2025-03-10T14:20:00.000Z", likert, comments: {} }, certificate: null };
  localStorage.setItem(`ce_course_${manifest.course.id}@${root.pathname}`, JSON.stringify(record));
  return manifest;
}
"""
_STORED = """() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("ce_course_"))
                                        .map((k) => [k, localStorage.getItem(k)]))"""


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini course (with a certificate page and the progress panel) built once and
    copied into /a/ and /b/ of one server: one origin, one course id, two sites."""
    work = tmp_path_factory.mktemp("two-sites")
    course = copy_mini_course(work)
    (course / "docs" / "certificate.md").write_text("---\ncourse:\n  role: certificate\n---\n\n# Certificate\n", encoding="utf-8")
    edit(course / "mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Certificate: certificate.md\n")
    edit(course / "docs" / "index.md", "<!-- course:details -->", "<!-- course:progress -->\n\n<!-- course:details -->")
    built = work / "built"
    result = mkdocs_build(course / "mkdocs.yml", built)
    assert result.returncode == 0, result.stderr + result.stdout
    root = work / "root"
    for name in SITES:
        shutil.copytree(built, root / name)
    with serve(root) as url:
        yield url


def _finish(page: Any, url: str, site: str) -> dict[str, Any]:
    page.goto(f"{url}{site}/")
    return page.evaluate(_FINISH, {"base": f"/{site}/"})


def _certificate_page(page: Any, url: str, site: str) -> Any:
    page.goto(f"{url}{site}/certificate/")
    widget = page.locator(".course-certificate[data-ready]")
    widget.wait_for(state="attached")
    return widget


def _fresh_course_a(page: Any, two_sites: str) -> dict[str, Any]:
    """A browser with nothing stored, then site A's course finished; A's manifest."""
    page.goto(two_sites + "a/")
    page.evaluate("() => localStorage.clear()")
    return _finish(page, two_sites, "a")


def _issued_in_a(page: Any, two_sites: str) -> tuple[dict[str, Any], str]:
    """Site A's course finished and its certificate issued; A's manifest and the certificate number."""
    manifest = _fresh_course_a(page, two_sites)
    _certificate_page(page, two_sites, "a")
    return manifest, issue(page, "Ada Rope")


def test_a_certificate_issued_in_one_site_is_not_in_the_other(page: Any, two_sites: str) -> None:
    manifest, number = _issued_in_a(page, two_sites)
    course = manifest["course"]["id"]
    assert set(page.evaluate(_STORED)) == {f"ce_course_{course}@/a/"}

    widget = _certificate_page(page, two_sites, "b")
    assert widget.locator(".course-cert-doc").count() == 0, "B shows A's certificate"
    assert widget.locator("li.is-missing").count() >= 1, "B's requirements are its own, not A's"
    assert number not in widget.inner_text()

    _certificate_page(page, two_sites, "a")
    assert certificate_number(page) == number


def test_start_over_in_one_site_leaves_the_other_intact(page: Any, two_sites: str) -> None:
    manifest = _fresh_course_a(page, two_sites)
    _finish(page, two_sites, "b")
    _certificate_page(page, two_sites, "a")
    number = issue(page, "Ada Rope")
    a_keys = {k: v for k, v in page.evaluate("() => ({...localStorage})").items() if "/a/" in k}
    assert len(a_keys) == len(manifest["modules"]) + 1  # its knowledge checks and its record

    page.goto(two_sites + "b/")
    page.locator("body[data-course-ready]").wait_for(state="attached")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="Start over").click()
    stored = page.evaluate("() => ({...localStorage})")
    assert not [k for k in stored if "/b/" in k], "B's progress was deleted"
    assert {k: v for k, v in stored.items() if "/a/" in k} == a_keys, "A's progress is untouched"

    _certificate_page(page, two_sites, "a")
    assert certificate_number(page) == number


def test_a_record_under_the_legacy_key_moves_to_its_site(page: Any, two_sites: str) -> None:
    manifest, number = _issued_in_a(page, two_sites)
    course = manifest["course"]["id"]
    new_key, legacy = f"ce_course_{course}@/a/", f"ce_course_{course}"
    # What an earlier build stored: the same record under the course id alone.
    record = page.evaluate("([from, to]) => { const v = localStorage.getItem(from); localStorage.removeItem(from); "
                           "localStorage.setItem(to, v); return v; }", [new_key, legacy])
    assert page.evaluate(_STORED) == {legacy: record}

    _certificate_page(page, two_sites, "a")
    assert certificate_number(page) == number
    assert page.evaluate(_STORED) == {new_key: record}, "moved once, unchanged, and the legacy entry removed"

    widget = _certificate_page(page, two_sites, "b")
    assert widget.locator(".course-cert-doc").count() == 0
    assert page.evaluate(_STORED) == {new_key: record}


def test_a_legacy_entry_of_another_course_is_left_alone(page: Any, two_sites: str) -> None:
    manifest = _fresh_course_a(page, two_sites)
    course = manifest["course"]["id"]
    foreign = '{"schema": 1, "courseId": "another-course"}'
    page.evaluate("([key, value]) => { localStorage.clear(); localStorage.setItem(key, value); }", [f"ce_course_{course}", foreign])
    widget = _certificate_page(page, two_sites, "a")
    expect(widget.locator(".course-cert-requirements")).to_be_visible()
    stored = page.evaluate(_STORED)
    assert stored[f"ce_course_{course}"] == foreign, "not moved, not changed"
    own = json.loads(stored.get(f"ce_course_{course}@/a/", "null") or "null")
    assert own is None or own["courseId"] == course and own["postTest"]["attempts"] == []
