"""Helpers shared by the quality gates (imported by the test modules next to this file)."""

from __future__ import annotations

from typing import Any

from support import course_page_urls


def course_pages() -> list[str]:
    """The pages the accessibility gate covers: home, every module, post-test, evaluation, certificate."""
    return course_page_urls()


def search_word(title: str) -> str:
    """A word of a page title that search will find: its longest."""
    return max(title.replace("-", " ").split(), key=len)


def settle(page: Any) -> None:
    """Wait until the course scripts have fetched the manifest and drawn their widgets,
    and CSS transitions have ended (axe measures colours mid-fade otherwise)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")


def answer_all(page: Any) -> list[str]:
    """Answer every knowledge-check question on the page: right, wrong, right, ... so
    that both kinds of feedback show. Done in one script call (one browser round trip);
    tests/browser and the keyboard test answer the way a learner does. Returns the quiz ids."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.quiz[id]'), (quiz, index) => {
            const correctly = index % 2 === 0;
            const blanks = quiz.querySelectorAll('.quiz-blank-input');
            blanks.forEach((blank) => { blank.value = correctly ? blank.dataset.answer : 'not the answer'; });
            if (!blanks.length) {
                const chosen = correctly ? quiz.querySelectorAll('input[data-correct]')
                                         : [quiz.querySelector('input:not([data-correct])')];
                chosen.forEach((input) => input.click());
            }
            quiz.querySelector('button.quiz-button[type=submit]').click();
            return quiz.id;
        })"""
    )
