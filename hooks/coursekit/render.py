"""What the hooks insert into pages: objectives, course facts, the post-test and evaluation forms.

Every text comes from the course's catalogue (coursekit.i18n), in theme.language.
Knowledge checks are written by the quiz adapter (coursekit.quiz.adapter).
"""

from __future__ import annotations

import html
import posixpath
import re

from typing import Callable

from .banks import Bank, EvaluationForm
from .credit import accreditation_text
from .i18n import Catalogue
from .markdown_text import escape_raw_html
from .model import Course
from .pages import CoursePage
from .settings import DEFAULT_DISCLOSURE


# Widgets filled in by the browser scripts, and forms written after Markdown (on_page_content).
_WIDGETS = {"progress": "course-progress", "certificate": "course-certificate", "verify": "course-verify"}


def widget_slot(name: str) -> str:
    """A marker's place in the page: a browser widget, or a slot that `fill_slot` fills after Markdown."""
    if name in _WIDGETS:
        return f'\n<div class="{_WIDGETS[name]}" data-course-widget="{name}"></div>\n'
    return f'\n<div class="course-slot" data-course-slot="{name}"></div>\n'


def fill_slot(html_text: str, name: str, content: str) -> str:
    return html_text.replace(f'<div class="course-slot" data-course-slot="{name}"></div>', content, 1)


def objectives_markdown(page: CoursePage, strings: Catalogue) -> str:
    # Objectives are Markdown like bank text: no raw HTML reaches the page (nor from the catalogue).
    items = "\n".join(f"    - {escape_raw_html(o)}" for o in page.objectives)
    title = html.escape(strings.text("page.objectives.title"))  # inside the admonition's quotes
    intro = escape_raw_html(strings.plural("page.objectives.intro", page.minutes, minutes=page.minutes))
    return f'!!! info "{title}"\n    {intro}\n\n{items}\n'


def course_details_markdown(course: Course, strings: Catalogue) -> str:
    """The facts an organizer configured, as a table for the course home (no credit rows for a non-credit course)."""
    s = course.settings
    label = strings.text
    authors = "<br>".join(
        _text(label("page.details.author", name=a.name, credentials=a.credentials, disclosure=_disclosure(a.disclosure, strings)))
        for a in s.authors
    )
    credit = s.credit_unit != "none"
    accreditation = accreditation_text(s, strings)
    rows = [
        (label("page.details.provider"), _text(s.provider)),
        (label("page.details.audience"), _text(s.audience)),
        (label("page.details.level"), _text(label(f"page.details.level.{s.level}"))),
        (label("page.details.credit"), _text(strings.credit(s.ce_hours, s.credit_unit))) if credit else None,
        (label("page.details.credit_basis"), _credit_basis(course, strings)) if credit else None,
        (label("page.details.pass_mark"), _text(strings.percent(s.pass_mark))),
        (label("page.details.authors"), authors),
        (label("page.details.accreditation"), _text(accreditation)) if accreditation else None,
        (label("page.details.version"), _text(s.version)),
    ]
    header = f"| {_text(label('page.details.header.fact'))} | {_text(label('page.details.header.detail'))} |"
    lines = [header, "|---|---|"] + [f"| **{_text(name)}** | {value} |" for name, value in filter(None, rows)]
    return "\n".join(lines) + "\n"


def modules_markdown(course: Course, from_uri: str, strings: Catalogue) -> str:
    """A numbered list of modules with their estimated times, linked."""
    lines = []
    for number, module in enumerate(course.modules, start=1):
        link = posixpath.relpath(module.uri, posixpath.dirname(from_uri) or ".")
        lines.append(f"{number}. [{_text(module.title)}]({link}) {_text(strings.text('page.modules.time', minutes=module.minutes))}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _credit_basis(course: Course, strings: Catalogue) -> str:
    s = course.settings
    return _text(strings.text("page.details.credit_basis.text", words=course.module_words, rate=s.words_per_ce_hour,
                              per_unit=strings.text(f"credit.per.{s.credit_unit}"),
                              minutes=sum(m.minutes for m in course.modules)))


def _disclosure(disclosure: str, strings: Catalogue) -> str:
    """The default disclosure in the course's language; an organizer's own one as written."""
    return strings.text("page.details.disclosure.none") if disclosure == DEFAULT_DISCLOSURE else disclosure


def _text(value: str) -> str:
    """Organizer text placed in Markdown tables: escaped, pipes kept out of the table syntax."""
    return html.escape(value).replace("|", "&#124;")


# --------------------------------------------------------------------------
# Post-test and evaluation forms (graded and stored by the browser scripts)
# --------------------------------------------------------------------------


def post_test_html(bank: Bank, to_html: Callable[[str], str], strings: Catalogue) -> str:
    """The post-test as one accessible form; no feedback is shown while it is taken.

    Unlike knowledge checks, the post-test is not an mkdocs-quiz block: the
    learner answers everything, then sees a score, never which items were wrong.
    """
    parts = [f'<form class="course-post-test" data-bank="{bank.id}" action="javascript:void(0);" novalidate>']
    for number, question in enumerate(bank.questions, start=1):
        qid = bank.quiz_id(question)
        kind = "checkbox" if question.type == "multiple" else "radio"
        hint = f" <em>{html.escape(strings.text('page.post_test.select_all'))}</em>" if question.type == "multiple" else ""
        parts.append(f'<fieldset class="course-question" id="{qid}" data-type="{question.type}">')
        shown = html.escape(strings.text("post_test.number", number=number, total=len(bank.questions)))
        parts.append(f'<legend><span class="course-question-number">{shown}</span></legend>')
        parts.append(f'<div class="course-question-prompt">{to_html(question.prompt)}{hint}</div>')
        for index, option in enumerate(question.options):
            input_id = f"{qid}-{index}"
            parts.append(
                f'<div class="course-option"><input type="{kind}" name="{qid}" id="{input_id}" value="{index}">'
                f'<label for="{input_id}">{_inline(to_html(option.text))}</label></div>'
            )
        parts.append("</fieldset>")
    parts.append('<p class="course-form-status" role="status" aria-live="polite"></p>')
    parts.append(f'<button type="submit" class="md-button md-button--primary">{html.escape(strings.text("page.post_test.submit"))}</button>')
    parts.append("</form>")
    return "\n".join(parts)


def evaluation_html(form: EvaluationForm, strings: Catalogue) -> str:
    parts = [f'<form class="course-evaluation" data-form="{form.id}" action="javascript:void(0);" novalidate>']
    for number, item in enumerate(form.items, start=1):
        name = f"evaluation-{item.id}"
        parts.append(f'<fieldset class="course-likert" id="{name}"><legend>{number}. {html.escape(item.statement)}</legend>')
        parts.append('<div class="course-likert-scale">')
        for index, label in enumerate(form.scale, start=1):
            parts.append(
                f'<label><input type="radio" name="{name}" value="{index}"> {html.escape(label)}</label>'
            )
        parts.append("</div></fieldset>")
    for comment in form.comments:
        name = f"evaluation-{comment.id}"
        parts.append(
            f'<p class="course-comment"><label for="{name}">{html.escape(strings.text("page.evaluation.optional", prompt=comment.prompt))}</label>'
            f'<textarea id="{name}" name="{name}" rows="4" maxlength="4000"></textarea></p>'
        )
    parts.append('<p class="course-form-status" role="status" aria-live="polite"></p>')
    parts.append(f'<button type="submit" class="md-button md-button--primary">{html.escape(strings.text("page.evaluation.submit"))}</button>')
    parts.append("</form>")
    return "\n".join(parts)


def _inline(fragment: str) -> str:
    return re.sub(r"^\s*<p>(.*)</p>\s*$", r"\1", fragment, flags=re.S)
