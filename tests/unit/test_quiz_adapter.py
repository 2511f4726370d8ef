"""The quiz adapter: the one place that writes and finishes mkdocs-quiz markup."""

from __future__ import annotations

import json
from pathlib import Path
from dataclasses import replace

import pytest

from coursekit.banks import load_bank
from coursekit.i18n.catalogue import shipped_catalogue
from coursekit.quiz import adapter
from support import MINI_COURSE


def test_bank_markdown_is_mkdocs_quiz_syntax() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "bowline.yml", "bowline.yml")
    markdown = adapter.bank_markdown(bank, "Check")
    assert markdown.count("<quiz>") == 3 == markdown.count("</quiz>")
    assert "- [x] Dress the knot\n    > Yes." in markdown
    assert "- [ ] Cut the tail short" in markdown
    assert "*Select all that apply.*" in markdown
    assert "The rabbit comes out of the [[hole]]." in markdown


def test_finished_html_has_stable_ids_and_no_inline_handler() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "reef.yml", "reef.yml")
    html = ('<div class="quiz" id="quiz-1"><a href="#quiz-1"></a><form onsubmit="return false;"><input id="quiz-1-0">'
            '<div class="answer-feedback hidden">x</div></form></div><div id="quiz-progress-sidebar">')
    out = adapter.finish_html(html, bank)
    new = bank.quiz_ids[1]
    assert f'id="{new}"' in out and f'href="#{new}"' in out and f'id="{new}-0"' in out
    assert 'id="quiz-progress-sidebar"' in out
    assert "onsubmit" not in out
    assert '<div class="answer-feedback hidden" data-search-exclude>' in out


def test_an_explanation_that_opens_with_a_blockquote_stays_the_explanation() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "reef.yml", "reef.yml")
    question = bank.questions[0]
    quoted = replace(bank, questions=(replace(question, explanation="> Ashley's rule.\n\nMore."),))
    block = adapter.bank_markdown(quoted, None)
    assert "<!-- explanation -->\n\n> Ashley's rule." in block


@pytest.mark.parametrize("options", [
    {"embed_source": True, "enabled_by_default": False, "disable_after_submit": False},
    {"embed_source": False, "enabled_by_default": True, "disable_after_submit": False},
    {"embed_source": False, "enabled_by_default": False},
])
def test_required_options_are_reported(options: dict) -> None:
    assert adapter.option_problems(options)
    assert not adapter.option_problems(adapter.REQUIRED_OPTIONS)


def test_the_patch_hints_join_the_plugins_translations_in_the_course_language() -> None:
    bank = load_bank(MINI_COURSE / "banks" / "reef.yml", "reef.yml")
    page = '<script>window.mkdocsQuizTranslations = {"Submit": "Absenden"};</script><div class="quiz" id="quiz-0"></div>'
    out = adapter.finish_html(page, bank, shipped_catalogue("de"))
    translations = json.loads(out.split("window.mkdocsQuizTranslations = ", 1)[1].split(";</script>", 1)[0])
    assert translations == {"Submit": "Absenden", "Choose an answer first.": "Wählen Sie zuerst eine Antwort.",
                            "Type your answer first.": "Geben Sie zuerst Ihre Antwort ein."}


def test_arabic_quiz_texts_come_from_our_catalogue_and_an_organizers_own_wins() -> None:
    options: dict = {}
    adapter.add_translations(options, "ar")
    assert options["custom_translations"]["ar"].endswith("quiz/locales/ar.po")
    german: dict = {}
    adapter.add_translations(german, "de")  # mkdocs-quiz has German itself
    assert german["custom_translations"] == {}
    organizer = {"custom_translations": {"ar": "my-ar.po"}}
    adapter.add_translations(organizer, "ar")
    assert organizer["custom_translations"] == {"ar": "my-ar.po"}


def test_our_arabic_catalogue_translates_every_text_of_the_plugin() -> None:
    from importlib import resources
    from mkdocs_quiz.translations import TranslationManager

    template = (resources.files("mkdocs_quiz") / "locales" / "mkdocs_quiz.pot").read_text(encoding="utf-8")
    ours = TranslationManager("ar", Path(adapter.__file__).parent / "locales" / "ar.po").translations
    english = TranslationManager("en").translations
    wanted = {key for key in TranslationManager("fr").translations} | set(english)
    assert wanted and wanted <= set(ours), f"untranslated: {sorted(wanted - set(ours))}"
    assert "Submit" in template and ours["Submit"] != "Submit"


def test_questions_placed_out_of_bank_order_keep_their_own_ids() -> None:
    """Inline checks put questions anywhere on the page: each rendered quiz gets the id of the
    question its check names, not of the question at that position in the bank."""
    bank = load_bank(MINI_COURSE / "banks" / "bowline.yml", "bowline.yml")
    first, second, third = (q.id for q in bank.questions)
    inline = adapter.bank_markdown(bank, None, [third])
    final = adapter.bank_markdown(bank, "Check", [first, second])
    assert inline.count("<quiz>") == 1 and final.count("<quiz>") == 2 and final.startswith("## Check\n")
    assert f'<div class="course-check" data-course-questions="{third}">' in inline
    # As mkdocs-quiz renders them: positional ids in page order, inside the checks' divs.
    page = (f'<div class="course-check" data-course-questions="{third}"><div class="quiz" id="quiz-0"></div></div>'
            f'<div class="course-check course-check--final" data-course-questions="{first} {second}">'
            '<div class="quiz" id="quiz-1"></div><div class="quiz" id="quiz-2"></div></div>')
    out = adapter.finish_html(page, bank)
    ids = [bank.quiz_id(q) for q in bank.questions]
    assert out.index(f'id="{ids[2]}"') < out.index(f'id="{ids[0]}"') < out.index(f'id="{ids[1]}"')
    assert "data-course-questions" not in out
