"""The post-test drawn from a pool, in Chromium: each attempt shows `draw` questions balanced
by module, hides and disables the rest, grades only what it showed, and stores the ids it drew;
a retake draws again, so two attempts see different questions."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from playwright.sync_api import expect

from cert_helpers import stored_record
from page_helpers import fetch_manifest, open_course_page

pytestmark = pytest.mark.browser

SHOWN = "form.course-post-test fieldset.course-question:not([hidden])"


def _shown_ids(page: Any) -> list[str]:
    return page.locator(SHOWN).evaluate_all("sets => sets.map(s => s.id)")


def _answer(page: Any, questions: dict[str, dict[str, Any]], ids: list[str], right: int) -> None:
    """The first `right` shown questions answered correctly, the rest wrongly."""
    for number, qid in enumerate(ids):
        question = questions[qid]
        wrong = next(i for i in range(question["options"]) if i not in question["correct"])
        for value in (question["correct"] if number < right else [wrong]):
            page.locator(f'[id="{qid}"] input[value="{value}"]').check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".course-result")).to_contain_text("The pass mark is")


def test_each_attempt_draws_a_balanced_set_grades_it_and_stores_it(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    test = manifest["post_test"]
    draw = test["draw"]
    if not draw:
        pytest.skip("this course's post-test draws no pool (the repository's course does)")
    assert draw < len(test["questions"]), "the course's post-test draws from a pool"
    questions = {q["id"]: q for q in test["questions"]}
    modules = {q["covers"] for q in test["questions"]}
    open_course_page(page, site_url + test["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")

    seen: list[list[str]] = []
    for attempt in range(4):  # two different draws are expected at once; a repeat is possible, but not four
        ids = _shown_ids(page)
        assert len(ids) == draw and len(set(ids)) == draw
        per_module = Counter(questions[qid]["covers"] for qid in ids)
        assert set(per_module) == modules and max(per_module.values()) - min(per_module.values()) <= 1, per_module
        # The other questions are hidden and disabled: out of sight, out of the tab order, out of the form.
        hidden = page.locator("form.course-post-test fieldset.course-question[hidden]")
        assert hidden.count() == len(questions) - draw
        assert hidden.evaluate_all("sets => sets.every(s => s.disabled)")
        numbers = page.locator(f"{SHOWN} .course-question-number").all_inner_texts()
        assert numbers == [f"Question {n} of {draw}" for n in range(1, draw + 1)]

        right = draw if attempt == 0 else draw // 2
        _answer(page, questions, ids, right)
        result = page.locator(".course-result").inner_text()
        assert f"You answered {right} of {draw} questions correctly" in result
        stored = stored_record(page, manifest)["postTest"]["attempts"][-1]
        assert stored["drawn"] == ids
        assert sorted(stored["responses"]) == sorted(ids), "only the drawn questions are answered and kept"
        assert (stored["correct"], stored["total"], stored["passed"]) == (right, draw, attempt == 0)
        seen.append(ids)
        if len({tuple(s) for s in seen}) > 1:
            break
        page.get_by_role("button", name="Retake the post-test").click()
        expect(page.locator("form.course-post-test input:checked")).to_have_count(0)
    assert len({tuple(s) for s in seen}) > 1, "a retake draws a new set of questions"


def test_unanswered_count_is_out_of_the_drawn_questions(page: Any, site_url: str) -> None:
    manifest = fetch_manifest(page, site_url)
    test = manifest["post_test"]
    open_course_page(page, site_url + test["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")
    page.get_by_role("button", name="Submit my answers").click()
    status = page.locator("form.course-post-test .course-form-status")
    shown = test["draw"] or len(test["questions"])  # a course without a pool shows every question
    expect(status).to_contain_text(f"{shown} of {shown} still unanswered")
    focused = page.evaluate("() => document.activeElement.closest('fieldset').id")
    assert focused == _shown_ids(page)[0], "focus goes to the first drawn question"
