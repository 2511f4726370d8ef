"""Progress everywhere: a status mark after each step in the navigation on every page, the same
in the phone's menu, with the state in words for screen readers, kept in step when a knowledge
check is answered on the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from page_helpers import fetch_manifest, open_course_page
from quiz_helpers import answer_quiz

pytestmark = pytest.mark.browser

_SEED = """([prefix, done, begun]) => {
  localStorage.clear();
  const answer = { answered: true, correct: true, selectedValues: [] };
  localStorage.setItem(prefix + "/" + done.url, JSON.stringify(Object.fromEntries(done.quizzes.map((id) => [id, answer]))));
  if (begun) localStorage.setItem(prefix + "/" + begun.url, JSON.stringify({ [begun.quizzes[0]]: answer }));
}"""


_LINKS = ".md-nav--primary a.md-nav__link"


def _nav_link(page: Any, url: str) -> Any:
    """The navigation's link to the page at `url` (a manifest url; the site is served at /)."""
    index = page.eval_on_selector_all(
        _LINKS, "(links, url) => links.findIndex((a) => { const u = new URL(a.href); return !u.hash && u.pathname === '/' + url; })", url)
    assert index >= 0, f"no navigation link to {url}"
    return page.locator(_LINKS).nth(index)


def _nav_mark(page: Any, url: str) -> Any:
    return _nav_link(page, url).locator(".course-nav-status")


def _steps(manifest: dict[str, Any]) -> list[str]:
    return [m["url"] for m in manifest["modules"]] + [manifest[k]["url"] for k in ("post_test", "evaluation", "certificate") if manifest[k]]


def test_every_step_in_the_navigation_shows_its_state(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    modules = manifest["modules"]
    begun = modules[1] if len(modules) > 1 and len(modules[1]["quizzes"]) > 1 else None
    page.evaluate(_SEED, [manifest["quiz_storage_prefix"], modules[0], begun])
    words = manifest["strings"]
    for url in ["", modules[-1]["url"]]:  # the course home and a course page: every page has the marks
        open_course_page(page, site_url + url)
        if page.locator(".md-nav--primary").count() == 0:
            continue
        marks = page.locator(f"{_LINKS} .course-nav-status")
        assert marks.count() == len(_steps(manifest)), url
        done = _nav_mark(page, modules[0]["url"])
        assert done.get_attribute("data-state") == "done"
        assert done.inner_text().strip() == f"({words['nav.status.done']})"
        assert done.locator(".course-visually-hidden").count() == 1
        if begun:
            assert _nav_mark(page, begun["url"]).get_attribute("data-state") == "in-progress"
            assert words["nav.status.in_progress"] in _nav_mark(page, begun["url"]).inner_text()
        for other in _steps(manifest)[2:]:
            assert _nav_mark(page, other).get_attribute("data-state") == "todo"
            assert _nav_mark(page, other).inner_text().strip() == ""  # nothing to hear for a step not begun
    # Screen readers hear the state as part of the link's name.
    open_course_page(page, site_url + modules[-1]["url"])
    expect(_nav_link(page, modules[0]["url"])).to_have_accessible_name(f"{modules[0]['title']} ({words['nav.status.done']})")


def test_the_mark_follows_an_answer_on_the_page(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    page.evaluate("() => localStorage.clear()")
    module = manifest["modules"][0]
    open_course_page(page, site_url + module["url"])
    mark = _nav_mark(page, module["url"])
    assert mark.get_attribute("data-state") == "todo"
    answer_quiz(page, module["quizzes"][0])
    expect(mark).to_have_attribute("data-state", "done" if len(module["quizzes"]) == 1 else "in-progress")
    for qid in module["quizzes"][1:]:
        answer_quiz(page, qid)
    expect(mark).to_have_attribute("data-state", "done")


def test_the_phone_menu_shows_the_marks(browser: Any, browser_context_args: dict[str, Any], site_url: str) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 390, "height": 844}})
    page = context.new_page()
    manifest = fetch_manifest(page, site_url)
    module = manifest["modules"][0]
    page.evaluate(_SEED, [manifest["quiz_storage_prefix"], module, None])
    open_course_page(page, site_url + module["url"])
    page.locator('.md-header label[for="__drawer"]').click()
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).to_be_in_viewport()
    # The current page's entry in the phone menu is the label that opens its contents: it has the mark too.
    current = drawer.locator('label.md-nav__link[for="__toc"] .course-nav-status')
    if current.count():
        expect(current.first).to_be_visible()
        assert current.first.get_attribute("data-state") == "done"
    visible = [m for m in drawer.locator(".course-nav-status").all() if m.is_visible()]
    assert len(visible) >= len(_steps(manifest)), "every step has a visible mark in the menu"
    context.close()
