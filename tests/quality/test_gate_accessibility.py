"""Accessibility gate: axe-core's WCAG 2.0/2.1/2.2 A and AA rules find nothing on the
course home, every module, the post-test, the evaluation and the certificate page,
in the light and the dark colour scheme, before and after a learner answers; and a
knowledge check can be answered with the keyboard alone."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from quality_helpers import answer_all, course_pages, settle
from support import ROOT, color_schemes, course_model, has_palette_toggle

pytestmark = pytest.mark.browser

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_A_AA},
    # Not tagged WCAG by axe, but Material's default fails it and we fixed it: keep it fixed.
    "rules": {"aria-dialog-name": {"enabled": True}},
    "resultTypes": ["violations"],  # skip collecting passes: halves axe's time
}
SCHEMES = color_schemes(ROOT)  # prefers-color-scheme -> Material's data-md-color-scheme, from mkdocs.yml's palette
TOGGLE = has_palette_toggle(ROOT)  # a light/dark switch in the header (a course may offer one scheme only)
MODULE_URLS = {page.url for page in course_model(ROOT).modules}

_axe = Axe()  # axe-core bundled with axe-playwright-python: works offline


def _violations(page: Any) -> list[str]:
    """One readable line per failing element: rule, impact, selector and axe's summary."""
    result = _axe.run(page, options=AXE_OPTIONS)
    lines = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}) {json.dumps(node['target'])}: {summary}")
    return lines


def _scheme(page: Any) -> str:
    return page.evaluate("() => document.body.dataset.mdColorScheme")


def _switch_to(page: Any, scheme: str) -> None:
    """Material's palette toggle in the header, as a learner would use it."""
    page.locator(f'label[title="Switch to {scheme} mode"]').click()
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")
    settle(page)


def _fill_course_form(page: Any, form: str) -> None:
    """Answer every question of a post-test or evaluation form (first choice / some text), then submit."""
    for fieldset in page.locator(f"{form} fieldset:not([hidden])").all():  # a drawn post-test hides the rest
        for kind in ("radio", "checkbox"):
            choices = fieldset.locator(f"input[type={kind}]")
            if choices.count():
                choices.first.check()
        for text in fieldset.locator("input[type=text], textarea").all():
            text.fill("Keyboard and screen-reader friendly.")
    page.locator(f"{form} [type=submit]").click()
    settle(page)


@pytest.mark.parametrize("url", course_pages(), ids=lambda url: url.strip("/") or "home")
def test_no_wcag_violation(page: Any, site_url: str, url: str) -> None:
    """Light, then dark through the palette toggle; on module pages and forms, dark and
    light again once everything is answered (feedback, results and errors on screen).
    A course without a toggle is checked in its one scheme, on arrival and answered."""
    found: list[str] = []

    def check(state: str) -> None:
        found.extend(f"[{state}] {line}" for line in _violations(page))

    page.emulate_media(color_scheme="light")
    page.goto(site_url + url)
    settle(page)
    assert _scheme(page) == SCHEMES["light"]
    check("light, on arrival")
    if TOGGLE:
        _switch_to(page, "dark")
        check("dark, on arrival")

    form = next((f for f in ("form.course-post-test", "form.course-evaluation") if page.locator(f).count()), None)
    if url in MODULE_URLS:
        assert answer_all(page), "a module page without a knowledge check"
        settle(page)
        state = "after answering the knowledge check"
    elif form:
        _fill_course_form(page, form)
        state = "after submitting the form"
    else:
        state = ""
    if state and TOGGLE:
        check(f"dark, {state}")
        _switch_to(page, "light")
        check(f"light, {state}")
    elif state:
        check(f"light, {state}")
    assert not found, f"{url or 'home'}:\n" + "\n".join(found)


def test_the_dark_scheme_follows_the_system_setting(page: Any, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    settle(page)
    assert _scheme(page) == SCHEMES["dark"]
    found = _violations(page)
    assert not found, "home (dark from prefers-color-scheme):\n" + "\n".join(found)


def test_a_knowledge_check_can_be_answered_with_the_keyboard_alone(page: Any, site_url: str, manifest: dict[str, Any]) -> None:
    """Tab moves between controls, arrow keys within a radio group (the standard radio
    interaction), Space ticks a checkbox, typing fills a blank, Enter submits. No mouse."""
    module = manifest["modules"][0]
    page.goto(site_url + module["url"])
    settle(page)

    def focused(script: str) -> Any:
        return page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}")

    def tab_until(condition: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if focused(condition):
                return
        raise AssertionError(f"Tab never reached an element where {condition}")

    for quiz_id in module["quizzes"]:
        inside = f"!!el && !!el.closest('[id=\"{quiz_id}\"]')"
        tab_until(f"{inside} && el.matches('input')")
        kind = focused("el.type")
        if kind == "radio":
            for _ in range(10):  # arrow keys select as they move
                if focused("el.hasAttribute('data-correct')"):
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
            assert focused("el.checked && el.hasAttribute('data-correct')"), f"{quiz_id}: the right option is not selected"
        elif kind == "checkbox":
            while focused(f"{inside} && el.type === 'checkbox'"):
                if focused("el.hasAttribute('data-correct')"):
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        else:
            while focused(f"{inside} && el.classList.contains('quiz-blank-input')"):
                page.keyboard.type(focused("el.dataset.answer"))
                page.keyboard.press("Tab")
        if not focused(f"{inside} && el.matches('button[type=submit]')"):
            tab_until(f"{inside} && el.matches('button[type=submit]')", limit=20)
        outline = focused("getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
        assert not outline.startswith("none") and not outline.endswith(" 0px"), f"{quiz_id}: the focused Submit button shows no focus outline"
        page.keyboard.press("Enter")
        feedback = page.locator(f'[id="{quiz_id}"] .quiz-feedback')
        assert feedback.is_visible() and "hidden" not in (feedback.get_attribute("class") or ""), f"{quiz_id}: no feedback after Enter"

    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz_progress_' + location.pathname) || '{}')")
    assert sorted(stored) == sorted(module["quizzes"])
    assert all(entry["correct"] for entry in stored.values()), stored
