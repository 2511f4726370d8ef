"""Unit tests of the course model: ids, fingerprints, settings defaults, rendering."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from coursekit.banks import Option, load_bank
from coursekit.errors import CourseError
from coursekit.pages import count_words
from coursekit.render import bank_markdown, stable_quiz_ids
from coursekit.settings import DEFAULT_ACCREDITATION, parse_settings
from coursekit.yaml_source import load_yaml
from support import MINI_COURSE

SETTINGS = """\
extra:
  course:
    id: demo
    version: "1"
    provider: P
    authors: [{name: A, credentials: PhD}]
    audience: Clinicians
    level: introductory
    ce_hours: 1.5
    signer: {name: S, title: T}
"""


def _settings(text: str = SETTINGS):
    return parse_settings(load_yaml(text, "mkdocs.yml").root().child("extra").child("course"), site_name="Site")


def test_settings_defaults_are_honest() -> None:
    settings = _settings()
    assert settings.pass_mark == 80
    assert settings.accreditation == DEFAULT_ACCREDITATION
    assert "not been approved" in settings.accreditation
    assert settings.title == "Site"
    assert settings.requirements.post_test and settings.requirements.evaluation


def test_settings_error_names_the_line() -> None:
    with pytest.raises(CourseError) as error:
        _settings(SETTINGS.replace("level: introductory", "level: expert"))
    assert error.value.file == "mkdocs.yml" and error.value.line == 8
    assert "introductory, intermediate, advanced" in error.value.message


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


def test_bank_markdown_is_mkdocs_quiz_syntax() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "bowline.yml", "bowline.yml")
    markdown = bank_markdown(bank, "Check")
    assert markdown.count("<quiz>") == 3 == markdown.count("</quiz>")
    assert "- [x] Dress the knot\n    > Yes." in markdown
    assert "- [ ] Cut the tail short" in markdown
    assert "*Select all that apply.*" in markdown
    assert "The rabbit comes out of the [[hole]]." in markdown


def test_stable_ids_replace_only_positional_quiz_ids() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "reef.yml", "reef.yml")
    html = '<div class="quiz" id="quiz-1"><a href="#quiz-1"></a><input id="quiz-1-0"></div><div id="quiz-progress-sidebar">'
    out = stable_quiz_ids(html, bank)
    new = bank.quiz_ids[1]
    assert f'id="{new}"' in out and f'href="#{new}"' in out and f'id="{new}-0"' in out
    assert 'id="quiz-progress-sidebar"' in out


def test_word_count_ignores_link_targets_and_comments() -> None:
    text = "Self-compassion helps ([Neff, 2023](../references.md#neff-2023)).\n<!-- course:knowledge-check -->\n"
    assert count_words(text) == 4  # Self-compassion, helps, Neff, 2023


def test_bank_with_yes_no_scale_explains_quoting(tmp_path: Path) -> None:
    path = tmp_path / "survey.yml"
    path.write_text("questions:\n  - id: a\n    type: single\n    prompt: yes\n    explanation: x\n")
    with pytest.raises(CourseError) as error:
        load_bank(path, "quizzes/survey.yml")
    assert error.value.line == 4 and "put it in quotes" in error.value.message
