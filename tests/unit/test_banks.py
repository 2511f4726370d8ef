"""banks: question banks and evaluation forms, validated at the line to fix; bank text has no raw HTML."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from coursekit.banks import Option, load_bank, load_evaluation
from coursekit.errors import CourseError
from support import MINI_COURSE

BANK = """\
title: Check
questions:
  - id: pick
    type: single
    prompt: Which one?
    options:
      - text: This
        correct: true
        feedback: Yes.
      - text: That
    explanation: Because.
  - id: gap
    type: fill
    prompt: A [[word]] here.
    explanation: The word.
"""


def _bank(tmp_path: Path, text: str, name: str = "check.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_bank(path, f"quizzes/{name}")


def _error(tmp_path: Path, old: str, new: str) -> CourseError:
    assert old in BANK
    with pytest.raises(CourseError) as caught:
        _bank(tmp_path, BANK.replace(old, new, 1))
    return caught.value


def test_fingerprint_follows_what_is_graded_not_the_feedback() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "reef.yml", "reef.yml")
    question = bank.questions[0]
    reworded_feedback = replace(question, options=tuple(replace(o, feedback=o.feedback + "!") for o in question.options))
    edited_prompt = replace(question, prompt=question.prompt + " (edited)")
    flipped = replace(question, options=(Option("A", False, ""), Option("B", True, "")))
    assert bank.quiz_id(reworded_feedback) == bank.quiz_id(question)
    assert bank.quiz_id(edited_prompt) != bank.quiz_id(question)
    assert bank.quiz_id(flipped) != bank.quiz_id(question)
    assert bank.quiz_id(question).startswith("reef--crossing--")


def test_bank_with_yes_no_scale_explains_quoting(tmp_path: Path) -> None:
    path = tmp_path / "survey.yml"
    path.write_text("questions:\n  - id: a\n    type: single\n    prompt: yes\n    explanation: x\n")
    with pytest.raises(CourseError) as error:
        load_bank(path, "quizzes/survey.yml")
    assert error.value.line == 4 and "put it in quotes" in error.value.message


def test_each_key_of_a_question_keeps_its_line(tmp_path: Path) -> None:
    question = _bank(tmp_path, BANK).questions[0]
    assert question.line == 3
    assert question.key_lines == {"id": 3, "type": 4, "prompt": 5, "options": 6, "explanation": 11}


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("    prompt: A [[word]] here.", "    prompt: A [[ ]] here.", 14, "empty blank"),
        ("    prompt: A [[word]] here.", "    prompt: A [[]] and [[word]].", 14, "empty blank"),
        ("    prompt: Which one?", "    prompt: Which [[one]]?", 5, "fill-in blank"),
        ("      - text: That", "      - text: That [[one]]", 10, "fill-in blank"),
        ("        feedback: Yes.", "        feedback: Yes [[x]].", 9, "fill-in blank"),
        ("    explanation: Because.", "    explanation: Because [[x]].", 11, "fill-in blank"),
        ("    explanation: The word.", "    explanation: The [[word]].", 15, "fill-in blank"),
        ("    prompt: Which one?", "    prompt:", 5, "'questions.0.prompt' is empty"),
        ("      - text: That", "      - text: 1.10", 10, "put it in quotes"),
        ("title: Check", "title: |\n  Two\n  lines", 1, "one line"),
        ("    type: single", "    type: Single", 4, "must be one of single, multiple, fill"),
    ],
)
def test_a_mistake_is_reported_at_its_line(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    error = _error(tmp_path, old, new)
    assert (error.file, error.line) == ("quizzes/check.yml", line)
    assert words in error.message


def test_raw_html_in_bank_text_becomes_visible_text(tmp_path: Path) -> None:
    text = (BANK.replace("title: Check", "title: Check <b>me</b>")
            .replace("    prompt: Which one?", "    prompt: Which <script>x()</script> one, `<i>` or &lt;u&gt;?")
            .replace("      - text: That", '      - text: That</label></form>')
            .replace("        feedback: Yes.", "        feedback: Yes <img src=x onerror=y()>")
            .replace("    explanation: Because.", "    explanation: Because <https://example.org>.")
            .replace("    prompt: A [[word]] here.", "    prompt: A [[<b>]] <b>here</b>."))
    bank = _bank(tmp_path, text)
    pick, gap = bank.questions
    assert bank.title == "Check &lt;b>me&lt;/b>"
    assert pick.prompt == "Which &lt;script>x()&lt;/script> one, `<i>` or &lt;u&gt;?"
    assert pick.options[1].text == "That&lt;/label>&lt;/form>"
    assert pick.options[0].feedback == "Yes &lt;img src=x onerror=y()>"
    assert pick.explanation == "Because <https://example.org>."
    assert gap.prompt == "A [[<b>]] &lt;b>here&lt;/b>."  # mkdocs-quiz escapes a blank's answer itself


def test_bank_files_are_utf8_with_or_without_a_bom_and_any_line_ending(tmp_path: Path) -> None:
    data = BANK.replace("Which one?", "Welche? 正确").encode("utf-8")
    (tmp_path / "a.yml").write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    bank = load_bank(tmp_path / "a.yml", "quizzes/a.yml")
    assert bank.questions[0].prompt == "Welche? 正确" and bank.questions[1].line == 12
    (tmp_path / "b.yml").write_bytes(data.replace("正确".encode(), b"\xe9"))
    with pytest.raises(CourseError) as caught:
        load_bank(tmp_path / "b.yml", "quizzes/b.yml")
    assert caught.value.line == 5 and "not UTF-8" in caught.value.message


def test_an_empty_bank_file_says_what_it_needs(tmp_path: Path) -> None:
    with pytest.raises(CourseError) as caught:
        _bank(tmp_path, "# nothing yet\n")
    assert caught.value.line is None and "this file is empty" in caught.value.message


def test_an_evaluation_scale_needs_distinct_points(tmp_path: Path) -> None:
    path = tmp_path / "feedback.yml"
    path.write_text('scale: ["No", "No"]\nitems:\n  - id: a\n    statement: S\n')
    with pytest.raises(CourseError) as caught:
        load_evaluation(path, "quizzes/feedback.yml")
    assert caught.value.line == 1 and "each point must differ" in caught.value.message
