"""Answering mkdocs-quiz questions the way a learner does: click, type, submit."""

from __future__ import annotations

from typing import Any


def answer_quiz(page: Any, quiz_id: str, *, correctly: bool = True) -> None:
    quiz = page.locator(f'[id="{quiz_id}"]')
    blanks = quiz.locator(".quiz-blank-input")
    if blanks.count():
        for index in range(blanks.count()):
            blank = blanks.nth(index)
            blank.fill(blank.get_attribute("data-answer") if correctly else "not the answer")
    else:
        inputs = quiz.locator("input[name=answer]")
        chosen = quiz.locator("input[data-correct]") if correctly else quiz.locator("input:not([data-correct])").first
        for index in range(chosen.count()):
            label = quiz.locator(f'label[for="{chosen.nth(index).get_attribute("id")}"]')
            label.click()
        assert inputs.count() >= 2
    quiz.locator("button.quiz-button[type=submit]").click()


def stored_answers(page: Any) -> dict[str, Any]:
    return page.evaluate("() => JSON.parse(localStorage.getItem('quiz_progress_' + location.pathname) || '{}')")
