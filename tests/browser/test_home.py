"""The course home as a learner first sees it, on a desktop and a phone, light and dark: the
title, the course's facts and ONE next action above the fold; module cards with their status;
the next action following stored progress (Start, Continue at the page and section last read,
Get your certificate); and step names never doubled ("Post-test: Post-test")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cert_helpers import record_key, seed_course
from course_facts import home_heading
from page_helpers import fetch_manifest, open_course_page
from quiz_helpers import answer_quiz

pytestmark = pytest.mark.browser

SCREENS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
_POSITION = "key => (JSON.parse(localStorage.getItem(key) || 'null') || {}).position || null"


@pytest.fixture
def home_page(browser: Any, browser_context_args: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    screen, scheme = request.param
    context = browser.new_context(**{**browser_context_args, "viewport": SCREENS[screen], "color_scheme": scheme})
    yield context.new_page()
    context.close()


def _has_overview(built_site: Path) -> bool:
    return 'data-course-widget="overview"' in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("home_page", [(s, c) for s in SCREENS for c in ("light", "dark")], indirect=True,
                         ids=lambda p: "-".join(p))
def test_the_first_screen_holds_the_course_and_one_next_action(home_page: Any, site_url: str, built_site: Path) -> None:
    if not _has_overview(built_site):
        pytest.skip("this course's home places no <!-- course:overview -->")
    page = home_page
    manifest = fetch_manifest(page, site_url)
    open_course_page(page, site_url)
    height = page.viewport_size["height"]
    title = page.locator("article h1")
    assert title.inner_text().startswith(home_heading(built_site))
    weight, colour, body = title.evaluate("h => { const s = getComputedStyle(h); return [s.fontWeight, s.color, getComputedStyle(document.body).color]; }")
    assert int(weight) >= 600, "the title is strong, not thin"
    assert colour == page.locator("article p").first.evaluate("p => getComputedStyle(p).color") or colour == body

    facts = page.locator(".course-overview .course-facts")
    text = facts.inner_text()
    assert manifest["course"]["provider"] in text
    assert facts.locator("dt").count() >= 3  # credit (for a credit course), time, level, provider
    for fact in facts.locator("div").all():
        assert fact.bounding_box()["y"] + fact.bounding_box()["height"] <= height, f"{fact.inner_text()!r} is below the fold"

    # One next action, above the fold: the only primary button in the first screen.
    primary = [b for b in page.locator("a.md-button--primary, button.md-button--primary").all()
               if b.is_visible() and b.bounding_box()["y"] < height]
    assert len(primary) == 1
    button = page.locator(".course-next-button")
    box = button.bounding_box()
    assert box["y"] + box["height"] <= height, "the next action is below the fold"
    assert button.inner_text() == manifest["strings"]["home.start"]
    assert button.get_attribute("href").endswith(manifest["modules"][0]["url"])
    assert page.locator("article h1 + p").bounding_box()["y"] < box["y"], "the promise comes before the action"


def test_module_cards_show_each_modules_status(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    cards = page.locator(".course-modules > li")
    if cards.count() == 0:
        pytest.skip("this course's home lists no modules")
    first = manifest["modules"][0]
    page.evaluate("""([key, ids]) => localStorage.setItem(key, JSON.stringify(
        Object.fromEntries(ids.map((id) => [id, { answered: true, correct: true, selectedValues: [] }]))))""",
                  [manifest["quiz_storage_prefix"] + "/" + first["url"], first["quizzes"]])
    open_course_page(page, site_url)
    assert cards.count() == len(manifest["modules"])
    for card, module in zip(cards.all(), manifest["modules"]):
        assert card.locator("a").get_attribute("href").endswith(module["url"])
        assert module["title"] in card.inner_text()
    done = cards.first.locator(".course-step-status")
    expect(done).to_contain_text(f"{len(first['quizzes'])} of {len(first['quizzes'])} correct")
    assert done.locator(".course-status-icon").get_attribute("data-state") == "done"
    if len(manifest["modules"]) > 1:
        assert cards.nth(1).locator(".course-status-icon").get_attribute("data-state") == "todo"
        assert "not started" in cards.nth(1).inner_text()


_SECTIONS = "article h2[id], article h3[id]"
# A heading followed by a whole screen of its own text: scrolled to the top, it is the section being read.
_LONG_SECTION = f"""() => {{
  const hs = Array.from(document.querySelectorAll({_SECTIONS!r}));
  const top = (h) => h.getBoundingClientRect().top + window.scrollY;
  const long = hs.filter((h, i) => i > 0 && i + 1 < hs.length && top(hs[i + 1]) - top(h) > window.innerHeight);
  return long.length ? long[Math.floor(long.length / 2)].id : null;
}}"""


def _module_with_sections(page: Any, site_url: str, manifest: dict[str, Any]) -> tuple[dict[str, Any], list[str], str]:
    """A module with several sections, its heading ids, and one long section among them."""
    for module in reversed(manifest["modules"]):
        open_course_page(page, site_url + module["url"])
        ids = page.eval_on_selector_all(_SECTIONS, "hs => hs.map(h => h.id)")
        long = page.evaluate(_LONG_SECTION)
        if len(ids) >= 3 and long:
            return module, ids, long
    pytest.skip("no module has three sections, one of them longer than a screen")


def test_continue_returns_to_the_page_and_section_last_read(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    key = record_key(manifest)
    page.evaluate("() => localStorage.clear()")
    module, ids, section = _module_with_sections(page, site_url, manifest)
    page.evaluate("id => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top + window.scrollY - 80)", section)
    page.wait_for_function(f"() => (({_POSITION})({key!r}) || {{}}).section === {section!r}", timeout=10_000)
    heading = page.locator(f'[id="{section}"]').evaluate(
        "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove()); return c.textContent.replace(/\\s+/g, ' ').trim(); }")
    assert page.evaluate(_POSITION, key) == {"url": module["url"], "section": section, "heading": heading}

    open_course_page(page, site_url)
    button = page.locator(".course-next-button")
    assert button.inner_text() == manifest["strings"]["home.continue"]
    assert button.get_attribute("href").endswith(f"{module['url']}#{section}")
    assert heading in page.locator(".course-next-where").inner_text()
    assert module["title"] in page.locator(".course-next-where").inner_text()
    button.click()
    page.wait_for_selector("body[data-course-ready]")
    assert page.url.endswith(f"{module['url']}#{section}")
    top = page.locator(f'[id="{section}"]').evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 3, "the page opens at the section last read"


def test_the_position_is_written_throttled_and_never_on_the_home_page(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    page.evaluate("() => localStorage.clear()")
    module, ids, _ = _module_with_sections(page, site_url, manifest)
    key = record_key(manifest)
    page.evaluate("""key => { window.__writes = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { if (k === key) window.__writes += 1; return set.call(this, k, v); }; }""", key)
    # A quick scroll through the whole module, a section every two frames; the time it took, measured in the page.
    elapsed = page.evaluate("""async (ids) => {
        const frame = () => new Promise((done) => requestAnimationFrame(done));
        const start = performance.now();
        for (const id of ids) { document.getElementById(id).scrollIntoView(); await frame(); await frame(); }
        return performance.now() - start; }""", ids)
    writes = page.evaluate("() => window.__writes")
    allowed = 1 + int(elapsed // 2000) + 1  # one at once, one per two seconds (position.js WRITE_INTERVAL), one trailing
    assert writes <= allowed and writes < len(ids), f"{writes} writes while scrolling through {len(ids)} sections in {elapsed:.0f} ms"
    # The trailing write keeps where the scroll ended: one of the last sections, not the first.
    page.wait_for_function(f"() => {ids[len(ids) // 2:]!r}.includes((({_POSITION})({key!r}) || {{}}).section)", timeout=10_000)

    open_course_page(page, site_url)  # leaving the module writes its last position (pagehide): clear after
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.wait_for_selector("body[data-course-ready]")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(2500)
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ce_course_'))") == []


def test_the_next_action_follows_stored_progress(page: Any, site_url: str) -> None:
    manifest = seed_course(page, site_url, attempts=[])  # every check done and the evaluation: the post-test is left
    if not manifest["post_test"]:
        pytest.skip("a course without a post-test")
    open_course_page(page, site_url)
    button = page.locator(".course-next-button")
    assert button.inner_text() == manifest["strings"]["home.continue"]
    assert button.get_attribute("href").endswith(manifest["post_test"]["url"])

    if not manifest["certificate"]:
        return
    seed_course(page, site_url)  # the post-test passed too
    open_course_page(page, site_url)
    assert button.inner_text() == manifest["strings"]["home.certificate"]
    assert button.get_attribute("href").endswith(manifest["certificate"]["url"])
    # A record an earlier build kept (no reading position) is read as it always was.
    assert "position" not in page.evaluate("key => JSON.parse(localStorage.getItem(key))", record_key(manifest))


def test_no_step_is_named_twice(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    urls = [m["url"] for m in manifest["modules"]] + [manifest[k]["url"] for k in ("post_test", "evaluation") if manifest[k]]
    seen = 0
    for url in urls:
        open_course_page(page, site_url + url)
        for text in page.locator(".course-next a, .course-position").all_inner_texts():
            assert not re.search(r"(?:^|\s)([^:·]+): \1(?:$|\s)", text), f"{url}: {text!r}"
            seen += 1
    assert seen >= len(urls)
    if manifest["certificate"]:
        open_course_page(page, site_url + urls[-1])
        assert page.locator(".course-next a").inner_text().count(manifest["strings"]["steps.certificate.label"]) <= 1


def test_back_on_the_home_page_shows_what_was_just_done(page: Any, site_url: str, built_site: Path) -> None:
    if not _has_overview(built_site):
        pytest.skip("this course's home places no <!-- course:overview -->")
    manifest = fetch_manifest(page, site_url)
    page.evaluate("() => localStorage.clear()")
    open_course_page(page, site_url)
    button = page.locator(".course-next-button")
    assert button.inner_text() == manifest["strings"]["home.start"]
    button.click()
    page.wait_for_selector("body[data-course-ready]")
    module = manifest["modules"][0]
    answer_quiz(page, module["quizzes"][0])
    page.go_back()  # the browser may show the page it kept (back-forward cache): it must not show the old state
    page.wait_for_selector("body[data-course-ready]")
    expect(button).to_have_text(manifest["strings"]["home.continue"])
    state = "done" if len(module["quizzes"]) == 1 else "in-progress"
    expect(page.locator(".course-modules > li").first.locator(".course-status-icon")).to_have_attribute("data-state", state)
