"""The only code that knows mkdocs-quiz 1.7.1's markup, options, element ids and storage.

Knowledge checks are written in the plugin's own Markdown syntax so that it renders
them; after rendering we give each quiz a stable id derived from its bank, keep answers
out of the search index and drop the plugin's inlined assets (served as cached files).
Everything else in the builder asks this module.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, MutableMapping, Sequence

from mkdocs_quiz import plugin as quiz_plugin
from mkdocs_quiz.parsing import FEEDBACK_REGEX

from ..banks import Bank, Question
from ..i18n import Catalogue

# Options the builder relies on (README, "Knowledge checks"): the build refuses others.
REQUIRED_OPTIONS: dict[str, Any] = {
    "embed_source": False,  # the source comment would publish the answers
    "enabled_by_default": False,  # only pages with a bank load the quiz assets
    "disable_after_submit": False,  # knowledge checks are formative: "Try again" per question
}
# quiz.js keeps one localStorage entry per page: this prefix + location.pathname.
STORAGE_PREFIX = "quiz_progress_"

_QUIZ_INDEX_ID = re.compile(r'(?<=["#])quiz-(\d+)(?=["-])')
# Each run of questions sits in one element that names them, in page order, until finish_html.
_CHECK_QUESTIONS = re.compile(r' data-course-questions="([^"]*)"')
_FEEDBACK = '<div class="answer-feedback hidden">'
_EXPLANATION = '<section class="content hidden">'
_INLINE_SUBMIT = ' onsubmit="return false;"'  # quiz.js prevents the default itself
# The progress panels' style attributes, which the pages' Content-Security-Policy blocks
# (coursekit/csp.py); hooks/assets/course.css holds the same rules instead.
_PANEL_HIDDEN = ' style="display: none;"'
_PANEL_STYLES = (' style="width: 0%"', ' style="color: var(--md-primary-fg-color); text-decoration: none;"')


def option_problems(options: MutableMapping[str, Any]) -> list[str]:
    """The required options a configuration gets wrong, as 'name: value' settings to write."""
    return [f"{name}: {str(value).lower()}" for name, value in REQUIRED_OPTIONS.items() if options.get(name) != value]


# Catalogues we ship for languages mkdocs-quiz 1.7.1 lacks (its own are in mkdocs_quiz/locales/).
_OWN_LOCALES = Path(__file__).resolve().parent / "locales"


def add_translations(options: MutableMapping[str, Any], theme_language: str) -> None:
    """Give the plugin our catalogue for a language it has none of, unless the organizer gave one."""
    language = options.get("language") or theme_language
    ours = _OWN_LOCALES / f"{language}.po"
    theirs = resources.files("mkdocs_quiz") / "locales" / f"{language}.po"
    custom = options.setdefault("custom_translations", {})
    if ours.is_file() and not theirs.is_file() and language not in custom:
        custom[language] = str(ours)  # absolute: the plugin joins it to mkdocs.yml's folder


def enable_on_page(meta: MutableMapping[str, Any]) -> None:
    """Switch the plugin on for one page (it is off by default, see REQUIRED_OPTIONS)."""
    meta["quiz"] = {**(meta.get("quiz") or {}), "enabled": True}


def enabled_on_page(meta: MutableMapping[str, Any]) -> bool:
    return bool((meta.get("quiz") or {}).get("enabled"))


def bank_markdown(bank: Bank, heading: str | None, questions: Sequence[str] | None = None) -> str:
    """Questions of the bank (by id, in the order given; all by default) as a run of `<quiz>` blocks
    in one `div.course-check`, under an optional heading. The div names its questions so that
    finish_html can give each rendered quiz its stable id whatever the order on the page."""
    by_id = {q.id: q for q in bank.questions}
    chosen = [by_id[q] for q in questions] if questions is not None else list(bank.questions)
    kind = "course-check course-check--final" if heading else "course-check"
    parts = [f"## {heading}\n"] if heading else []
    parts.append(f'<div class="{kind}" data-course-questions="{" ".join(q.id for q in chosen)}">\n')
    parts += [_quiz_block(q) for q in chosen]
    parts.append("</div>\n")
    return "\n".join(parts)


def finish_html(html: str, bank: Bank, strings: Catalogue | None = None) -> str:
    """Rendered quizzes made ready to publish: stable ids, answers unsearchable, no inline assets or handlers."""
    html = _stable_ids(html, bank)
    html = html.replace(_FEEDBACK, _FEEDBACK[:-1] + " data-search-exclude>")
    html = html.replace(_EXPLANATION, _EXPLANATION[:-1] + " data-search-exclude>")
    html = html.replace(_INLINE_SUBMIT, "")
    html = _without_inline_styles(html)
    if strings is not None:
        html = _with_hint_translations(html, {HINT_CHOOSE: strings.text("quiz.hint.choose"),
                                              HINT_TYPE: strings.text("quiz.hint.type")})
    # The plugin inlines its stylesheet and script into the page; the hooks link cached files instead.
    return html.replace(quiz_plugin.style, "").replace(quiz_plugin.js_script, "")


def _without_inline_styles(html: str) -> str:
    """quiz.js shows the hidden panels (style.display = "") only when showProgress is on:
    then course.css hides them until it does; when off they keep a `hidden` attribute."""
    html = html.replace(_PANEL_HIDDEN, " hidden" if "showProgress: false" in html else "")
    for style in _PANEL_STYLES:
        html = html.replace(style, "")
    return html


# The texts our quiz.js patch adds: the English keys its t() looks up in the plugin's translations.
HINT_CHOOSE = "Choose an answer first."
HINT_TYPE = "Type your answer first."
_TRANSLATIONS = re.compile(r"(window\.mkdocsQuizTranslations = )(\{.*?\});", re.S)


def _with_hint_translations(html: str, hints: Mapping[str, str]) -> str:
    """Add the patch's hints, in the course's language, to the translations the plugin writes into the page."""
    def merge(match: re.Match[str]) -> str:
        translations = {**json.loads(match.group(2)), **hints}
        return match.group(1) + json.dumps(translations, ensure_ascii=False) + ";"

    return _TRANSLATIONS.sub(merge, html, count=1)


def _stable_ids(html: str, bank: Bank) -> str:
    """Replace the plugin's positional ids (quiz-0, quiz-1, ...) with `bank--question--fingerprint`.

    The i-th quiz on a page is the i-th question the page's `div.course-check` elements name, in
    page order (the bank's order without them): banks are the only source of quizzes (a page with
    its own <quiz> block fails validation).
    """
    by_id = {q.id: bank.quiz_id(q) for q in bank.questions}
    named = [q for found in _CHECK_QUESTIONS.findall(html) for q in found.split()]
    ids = [by_id[q] for q in named if q in by_id] if named else list(bank.quiz_ids)

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return ids[index] if index < len(ids) else match.group(0)

    return _CHECK_QUESTIONS.sub("", _QUIZ_INDEX_ID.sub(replace, html))


def _quiz_block(question: Question) -> str:
    if question.type == "fill":
        return f"<quiz>\n{question.prompt}\n\n---\n{question.explanation}\n</quiz>\n"
    prompt = question.prompt
    if question.type == "multiple":
        prompt += "\n\n*Select all that apply.*"
    answers = []
    for option in question.options:
        answers.append(f"- [{'x' if option.correct else ' '}] {option.text}")
        answers += [f"    > {line}" if line else "    >" for line in option.feedback.splitlines()]
    explanation = question.explanation
    if FEEDBACK_REGEX.match(explanation.splitlines()[0]):
        # A blockquote right after the answers would be read as the last answer's feedback
        # (and warned about): an empty comment starts the explanation instead.
        explanation = "<!-- explanation -->\n\n" + explanation
    return "<quiz>\n{}\n\n{}\n\n{}\n</quiz>\n".format(prompt, "\n".join(answers), explanation)
