"""After the knowledge checks (covered by the accessibility gate), the rest of the
course with the keyboard alone: the post-test, the evaluation and issuing the
certificate. Tab between controls, arrow keys inside a radio group, Space for
checkboxes, typing in text fields, Enter on buttons; no mouse."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))

from cert_helpers import seed_course  # noqa: E402
from quality_helpers import settle  # noqa: E402

pytestmark = pytest.mark.browser


class Keyboard:
    def __init__(self, page: Any) -> None:
        self.page = page

    def focused(self, script: str) -> Any:
        return self.page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}")

    def tab_until(self, condition: str, limit: int = 400) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.focused(condition):
                return
        raise AssertionError(f"Tab never reached an element where {condition}")

    def choose_radio(self, value: int) -> None:
        """From a focused radio, arrow through the group to the option with this value."""
        for _ in range(12):
            if self.focused(f"el.value === '{value}'"):
                break
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")
        assert self.focused(f"el.checked && el.value === '{value}'")


def test_post_test_evaluation_and_certificate_with_the_keyboard_alone(page: Any, site_url: str) -> None:
    manifest = seed_course(page, site_url, attempts=[], evaluation=False)
    keys = Keyboard(page)

    test = manifest["post_test"]
    page.goto(site_url + test["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")
    settle(page)
    drawn = page.locator("form.course-post-test fieldset.course-question:not([hidden])").evaluate_all("sets => sets.map(s => s.id)")
    for qid, key in ((question["id"], question["correct"]) for question in test["questions"] if question["id"] in drawn):
        inside = f"!!el && !!el.closest('[id=\"{qid}\"]')"
        keys.tab_until(f"{inside} && el.matches('input')")
        if keys.focused("el.type") == "radio":
            keys.choose_radio(key[0])
        else:
            while keys.focused(f"{inside} && el.type === 'checkbox'"):
                if int(keys.focused("el.value")) in key:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
    keys.tab_until("el && el.matches('form.course-post-test button[type=submit]')")
    page.keyboard.press("Enter")
    result = page.locator(".course-result")
    result.wait_for()
    assert "You passed" in result.inner_text()
    assert keys.focused("el.classList.contains('course-result')"), "focus moves to the result"

    evaluation = manifest["evaluation"]
    if evaluation:  # a course may have no evaluation page
        page.goto(site_url + evaluation["url"])
        page.wait_for_selector("form.course-evaluation[data-ready]")
        settle(page)
        for item in evaluation["items"]:
            keys.tab_until(f"el && el.name === 'evaluation-{item['id']}'")
            keys.choose_radio(4)
        for comment in evaluation["comments"]:
            keys.tab_until(f"el && el.id === 'evaluation-{comment['id']}'")
            page.keyboard.type("Typed with the keyboard.")
        keys.tab_until("el && el.matches('form.course-evaluation button[type=submit]')")
        page.keyboard.press("Enter")
        page.locator("form.course-evaluation .course-form-status", has_text="saved").wait_for()

    page.goto(site_url + manifest["certificate"]["url"])
    page.locator(".course-certificate[data-ready]").wait_for(state="attached")
    settle(page)
    keys.tab_until("el && el.matches('form.course-cert-form input')")
    page.keyboard.type("Keyboard Learner")
    keys.tab_until("el && el.matches('form.course-cert-form button[type=submit], form.course-cert-form button')")
    page.keyboard.press("Enter")
    number = page.locator('.course-cert-doc [data-field="number"]')
    number.wait_for()
    assert page.locator('.course-cert-doc [data-field="name"]').inner_text().strip() == "Keyboard Learner"
