"""The builder's fixes to mkdocs-quiz's quiz.js (hooks/coursekit/quiz/quiz.js.patch) and
quiz-guard.js, in Chromium on a real module page: one test per defect they remove."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from quiz_helpers import answer_quiz, stored_answers

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=window.__pwned=1>"
FILL = '.quiz[data-quiz-type="fill-blank"]'
CHOICE = '.quiz:not([data-quiz-type="fill-blank"])'
SUBMIT = "button.quiz-button[type=submit]"
TRY_AGAIN = ".quiz-reset-button"

# Each question on the page: id, kind (fill | radio | checkbox), input values, correct values, blanks.
_QUESTIONS_JS = """() => Array.from(document.querySelectorAll('.quiz[id]'), (quiz) => {
  const inputs = Array.from(quiz.querySelectorAll('input[name="answer"]'));
  return {
    id: quiz.id,
    kind: quiz.dataset.quizType === 'fill-blank' ? 'fill' : inputs[0].type,
    values: inputs.map((input) => input.value),
    correct: inputs.filter((input) => input.hasAttribute('data-correct')).map((input) => input.value),
    blanks: quiz.querySelectorAll('.quiz-blank-input').length,
  };
})"""


@pytest.fixture
def module_url(built_site: Path, site_url: str) -> str:
    """The first module page with a fill-in question that is not its last question."""
    manifest = json.loads((built_site / "course-manifest.json").read_text(encoding="utf-8"))
    for module in manifest["modules"]:
        page_html = (built_site / module["url"] / "index.html").read_text(encoding="utf-8")
        fill = page_html.find('data-quiz-type="fill-blank"')
        if fill != -1 and '<div class="quiz' in page_html[fill:]:
            return site_url + module["url"]
    pytest.fail("no module page has a fill-in question followed by another question")


@pytest.fixture
def watched(page: Any) -> dict[str, list[str]]:
    """Dialogs (accepted) and uncaught page errors, recorded."""
    seen: dict[str, list[str]] = {"dialogs": [], "errors": []}

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(f"{dialog.type}: {dialog.message}")
        dialog.accept()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def _sidebar(page: Any) -> tuple[str, str]:
    """(answered, correct) as the progress sidebar shows them."""
    sidebar = page.locator("#quiz-progress-sidebar")
    return sidebar.locator(".quiz-progress-answered").inner_text(), sidebar.locator(".quiz-progress-score").inner_text()


def _questions(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(_QUESTIONS_JS)


def _store(page: Any, entries: dict[str, Any]) -> None:
    page.evaluate("(data) => localStorage.setItem('quiz_progress_' + location.pathname, JSON.stringify(data))", entries)


def test_a_typed_answer_is_shown_as_text_on_submit_and_on_return(page: Any, module_url: str, watched: dict[str, list[str]]) -> None:
    page.goto(module_url)
    quiz = page.locator(FILL).first
    for index in range(quiz.locator(".quiz-blank-input").count()):
        quiz.locator(".quiz-blank-input").nth(index).fill(PAYLOAD)
    quiz.locator(SUBMIT).click()
    for visit in ("after submit", "after reload"):
        feedback = quiz.locator(".quiz-feedback")
        expect(feedback).to_contain_text(PAYLOAD)  # the typed text, literally
        assert feedback.locator("img").count() == 0, visit
        page.wait_for_timeout(300)  # an injected image's onerror would have run by now
        assert page.evaluate("() => window.__pwned") is None, visit
        if visit == "after submit":
            page.reload()
    assert watched["dialogs"] == [] and watched["errors"] == []


def test_b_reset_all_reopens_every_question_type(page: Any, module_url: str, watched: dict[str, list[str]]) -> None:
    page.goto(module_url)
    questions = _questions(page)
    kinds = [q["kind"] for q in questions]
    assert "fill" in kinds[:-1] and {"radio", "checkbox"} <= set(kinds[kinds.index("fill") + 1:])
    for question in questions:
        answer_quiz(page, question["id"], correctly=False)
    assert _sidebar(page) == (str(len(questions)), "0")

    page.locator("#quiz-progress-sidebar .quiz-reset-all-link").click()
    assert len(watched["dialogs"]) == 1 and watched["errors"] == []
    for question in questions:
        quiz = page.locator(f'[id="{question["id"]}"]')
        expect(quiz.locator(".quiz-feedback")).to_be_hidden()
        expect(quiz.locator(SUBMIT)).to_be_visible()
        expect(quiz.locator(SUBMIT)).to_be_enabled()
        expect(quiz.locator(TRY_AGAIN)).to_be_hidden()
        assert quiz.locator("input:checked, .correct, .wrong").count() == 0, question["id"]
        assert all(value == "" for value in quiz.locator(".quiz-blank-input").evaluate_all("(els) => els.map((e) => e.value)"))
    assert not any(entry["answered"] for entry in stored_answers(page).values())
    assert _sidebar(page) == ("0", "0")


def test_c_submit_without_an_answer_only_asks_for_one(page: Any, module_url: str, watched: dict[str, list[str]]) -> None:
    page.goto(module_url)
    for selector, message in ((CHOICE, "Choose an answer first."), (FILL, "Type your answer first.")):
        quiz = page.locator(selector).first
        quiz.locator(SUBMIT).click()
        expect(quiz.get_by_role("status")).to_have_text(message)
        expect(quiz.locator(".quiz-feedback")).to_be_hidden()
        expect(quiz.locator("section.content")).to_be_hidden()
        expect(quiz.locator(SUBMIT)).to_be_enabled()
        expect(quiz.locator(TRY_AGAIN)).to_be_hidden()
        assert quiz.locator(".correct, .wrong").count() == 0
    assert page.evaluate("() => localStorage.getItem('quiz_progress_' + location.pathname)") is None
    assert _sidebar(page) == ("0", "0")

    quiz_id = page.locator(CHOICE).first.get_attribute("id")
    answer_quiz(page, quiz_id, correctly=True)  # a real answer is graded and clears the hint
    expect(page.locator(f'[id="{quiz_id}"]').get_by_role("status")).to_have_text("")
    assert stored_answers(page)[quiz_id]["correct"] is True
    assert watched["errors"] == []


def test_d_try_again_reopens_a_question_and_keeps_the_first_try(page: Any, module_url: str, watched: dict[str, list[str]]) -> None:
    page.goto(module_url)
    quiz_id = page.locator(CHOICE).first.get_attribute("id")
    quiz = page.locator(f'[id="{quiz_id}"]')
    answer_quiz(page, quiz_id, correctly=False)
    entry = stored_answers(page)[quiz_id]
    assert (entry["answered"], entry["correct"], entry["firstTry"]) == (True, False, False)

    expect(quiz.locator(TRY_AGAIN)).to_have_count(1)  # quiz.js initialized once
    quiz.locator(TRY_AGAIN).click()
    assert stored_answers(page)[quiz_id] == {"answered": False, "correct": False, "selectedValues": [], "firstTry": False}
    assert _sidebar(page) == ("0", "0")
    assert page.evaluate(f"() => document.activeElement.closest('.quiz')?.id === {json.dumps(quiz_id)}")

    answer_quiz(page, quiz_id, correctly=True)
    entry = stored_answers(page)[quiz_id]
    assert (entry["answered"], entry["correct"], entry["firstTry"]) == (True, True, False)
    assert _sidebar(page) == ("1", "1")
    page.reload()
    assert _sidebar(page) == ("1", "1")
    quiz.locator(TRY_AGAIN).click()
    page.reload()
    assert _sidebar(page) == ("0", "0")  # a reopened entry counts as neither answered nor correct
    assert stored_answers(page)[quiz_id]["firstTry"] is False

    # A fill-in answered right first keeps firstTry true through a wrong answer after "Try again".
    fill_id = page.locator(FILL).first.get_attribute("id")
    answer_quiz(page, fill_id, correctly=True)
    page.locator(f'[id="{fill_id}"]').locator(TRY_AGAIN).click()
    answer_quiz(page, fill_id, correctly=False)
    entry = stored_answers(page)[fill_id]
    assert (entry["answered"], entry["correct"], entry["firstTry"]) == (True, False, True)
    assert watched["errors"] == []


def test_e_a_long_answer_label_is_shown_whole_and_as_text(page: Any, module_url: str) -> None:
    label = "a" * 27 + " <b> & c, an answer long enough that the plugin cut it mid-word"
    chosen: dict[str, str] = {}

    def with_long_label(route: Any) -> None:
        response = route.fetch()
        match = re.search(r'<label for="([^"]+)">[^<]*</label>', response.text())
        assert match is not None
        chosen["input"] = match[1]
        body = response.text().replace(match[0], f'<label for="{match[1]}">{html.escape(label)}</label>', 1)
        route.fulfill(response=response, body=body)

    page.route(module_url, with_long_label)
    page.goto(module_url)
    page.locator(f'label[for="{chosen["input"]}"]').click()
    quiz = page.locator(f'[id="{chosen["input"].rsplit("-", 1)[0]}"]')  # option inputs are <quiz id>-<index>
    quiz.locator(SUBMIT).click()
    badge = quiz.locator(".quiz-feedback-badge")
    expect(badge).to_have_text(label)  # whole, never "...<b\u2026"
    assert badge.locator("b").count() == 0  # the label's markup is text
    assert badge.evaluate("(el) => el.scrollWidth <= el.clientWidth")  # nothing hidden by the stylesheet either


def test_f_an_answered_question_offers_one_action(page: Any, module_url: str, watched: dict[str, list[str]]) -> None:
    """Once graded, a question shows "Try again" only: no Submit beside it (fill-in questions kept
    one) and its answers locked, after submitting and after a reload; "Try again" unlocks them."""
    page.goto(module_url)
    ids = [page.locator(FILL).first.get_attribute("id"), page.locator(CHOICE).first.get_attribute("id")]
    answer_quiz(page, ids[0], correctly=False)
    answer_quiz(page, ids[1], correctly=True)
    for visit in ("after submit", "after reload"):
        for quiz_id in ids:
            quiz = page.locator(f'[id="{quiz_id}"]')
            expect(quiz.locator(SUBMIT)).to_be_hidden()
            expect(quiz.locator(TRY_AGAIN)).to_be_visible()
            assert quiz.locator("button:visible").count() == 1, (visit, quiz_id)
            answers = quiz.locator('.quiz-blank-input, input[name="answer"]')
            assert answers.evaluate_all("(els) => els.every((e) => e.disabled)"), (visit, quiz_id)
        if visit == "after submit":
            page.reload()
    for quiz_id in ids:
        quiz = page.locator(f'[id="{quiz_id}"]')
        quiz.locator(TRY_AGAIN).click()
        expect(quiz.locator(SUBMIT)).to_be_visible()
        expect(quiz.locator(SUBMIT)).to_be_enabled()
        answers = quiz.locator('.quiz-blank-input, input[name="answer"]')
        assert answers.evaluate_all("(els) => els.every((e) => !e.disabled)"), quiz_id
    answer_quiz(page, ids[0], correctly=True)  # and the reopened question can be answered again
    assert stored_answers(page)[ids[0]]["correct"] is True
    assert watched["errors"] == []


def test_quiz_guard_drops_forged_entries_before_quiz_js_reads_them(page: Any, module_url: str, watched: dict[str, list[str]]) -> None:
    page.goto(module_url)
    questions = _questions(page)
    radios = [q for q in questions if q["kind"] == "radio"]
    checkbox = next(q for q in questions if q["kind"] == "checkbox")
    fill = next(q for q in questions if q["kind"] == "fill")
    assert len(radios) >= 3
    kept = {
        radios[0]["id"]: {"answered": True, "correct": True, "selectedValues": radios[0]["correct"], "firstTry": True},
    }
    forged = {
        radios[1]["id"]: {"answered": True, "correct": True, "selectedValues": [PAYLOAD]},  # no such option
        radios[2]["id"]: {"answered": True, "correct": True, "selectedValues": radios[2]["values"][:2]},  # two radios
        checkbox["id"]: {"answered": True, "correct": False, "selectedValues": ["99"], "firstTry": "yes"},
        fill["id"]: {"answered": True, "correct": False, "selectedValues": ["x" * 201]},  # longer than any answer typed
        "gone--question--0000000000": {"answered": True, "correct": True, "selectedValues": ["0"]},
    }
    _store(page, {**kept, **forged})
    page.reload()
    assert stored_answers(page) == kept
    assert _sidebar(page) == ("1", "1")  # quiz.js never counted the forged entries
    assert page.locator(".quiz input:checked").count() == 1
    assert page.locator(".quiz-blank-input").evaluate_all("(els) => els.every((e) => e.value === '')")
    assert page.evaluate("() => window.__pwned") is None and watched["errors"] == []

    # Each kind of damage on its own is enough to drop an entry.
    for damaged in ({"answered": "yes", "correct": True, "selectedValues": []},
                    {"answered": True, "correct": True, "selectedValues": [0]},
                    {"answered": True, "correct": True, "selectedValues": "0"},
                    {"answered": True, "correct": False, "selectedValues": ["a"] * (fill["blanks"] + 1)},
                    ["not", "an", "object"]):
        target = fill["id"] if isinstance(damaged, dict) and damaged.get("correct") is False else radios[1]["id"]
        _store(page, {**kept, target: damaged})
        page.reload()
        assert stored_answers(page) == kept, damaged
