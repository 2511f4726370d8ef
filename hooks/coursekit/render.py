"""What the hooks insert into pages: objectives, course facts, the post-test and evaluation forms.

Knowledge checks are written by the quiz adapter (coursekit.quiz.adapter).
"""

from __future__ import annotations

import html
import posixpath
import re

from typing import Callable

from .banks import Bank, EvaluationForm
from .markdown_text import escape_raw_html
from .model import Course
from .pages import CoursePage


# Widgets filled in by the browser scripts, and forms written after Markdown (on_page_content).
_WIDGETS = {"progress": "course-progress", "certificate": "course-certificate"}


def widget_slot(name: str) -> str:
    """A marker's place in the page: a browser widget, or a slot that `fill_slot` fills after Markdown."""
    if name in _WIDGETS:
        return f'\n<div class="{_WIDGETS[name]}" data-course-widget="{name}"></div>\n'
    return f'\n<div class="course-slot" data-course-slot="{name}"></div>\n'


def fill_slot(html_text: str, name: str, content: str) -> str:
    return html_text.replace(f'<div class="course-slot" data-course-slot="{name}"></div>', content, 1)


def objectives_markdown(page: CoursePage) -> str:
    # Objectives are Markdown like bank text: no raw HTML reaches the page.
    items = "\n".join(f"    - {escape_raw_html(o)}" for o in page.objectives)
    return (
        f'!!! info "Learning objectives"\n'
        f"    Estimated time: **{page.minutes} minutes**. By the end of this module you will be able to:\n\n"
        f"{items}\n"
    )


def course_details_markdown(course: Course) -> str:
    """The facts an organizer configured, as a table for the course home."""
    s = course.settings
    authors = "<br>".join(
        f"{_text(a.name)}, {_text(a.credentials)}. Disclosure: {_text(a.disclosure)}" for a in s.authors
    )
    rows = [
        ("Provider", _text(s.provider)),
        ("Audience", _text(s.audience)),
        ("Instructional level", s.level.capitalize()),
        ("CE credit", f"{s.ce_hours:g} hour{'s' if s.ce_hours != 1 else ''}"),
        ("How credit was calculated", _credit_basis(course)),
        ("Post-test pass mark", f"{s.pass_mark}%"),
        ("Authors and disclosures", authors),
        ("Accreditation", _text(s.accreditation)),
        ("Course version", _text(s.version)),
    ]
    lines = ["| Course fact | Detail |", "|---|---|"] + [f"| **{k}** | {v} |" for k, v in rows]
    return "\n".join(lines) + "\n"


def modules_markdown(course: Course, from_uri: str) -> str:
    """A numbered list of modules with their estimated times, linked."""
    lines = []
    for number, module in enumerate(course.modules, start=1):
        link = posixpath.relpath(module.uri, posixpath.dirname(from_uri) or ".")
        lines.append(f"{number}. [{_text(module.title)}]({link}) ({module.minutes} min)")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _credit_basis(course: Course) -> str:
    s = course.settings
    minutes = sum(m.minutes for m in course.modules)
    return (
        f"{course.module_words:,} words of module text at about {s.words_per_ce_hour:,} words per CE hour "
        f"(the reading-load convention). The module time estimates add up to {minutes} minutes because they "
        f"also count the exercises and knowledge checks."
    )


def _text(value: str) -> str:
    """Organizer text placed in Markdown tables: escaped, pipes kept out of the table syntax."""
    return html.escape(value).replace("|", "&#124;")


# --------------------------------------------------------------------------
# Post-test and evaluation forms (graded and stored by the browser scripts)
# --------------------------------------------------------------------------


def post_test_html(bank: Bank, to_html: Callable[[str], str]) -> str:
    """The post-test as one accessible form; no feedback is shown while it is taken.

    Unlike knowledge checks, the post-test is not an mkdocs-quiz block: the
    learner answers everything, then sees a score, never which items were wrong.
    """
    parts = [f'<form class="course-post-test" data-bank="{bank.id}" action="javascript:void(0);" novalidate>']
    for number, question in enumerate(bank.questions, start=1):
        qid = bank.quiz_id(question)
        kind = "checkbox" if question.type == "multiple" else "radio"
        hint = " <em>Select all that apply.</em>" if question.type == "multiple" else ""
        parts.append(f'<fieldset class="course-question" id="{qid}" data-type="{question.type}">')
        parts.append(f'<legend><span class="course-question-number">Question {number} of {len(bank.questions)}</span></legend>')
        parts.append(f'<div class="course-question-prompt">{to_html(question.prompt)}{hint}</div>')
        for index, option in enumerate(question.options):
            input_id = f"{qid}-{index}"
            parts.append(
                f'<div class="course-option"><input type="{kind}" name="{qid}" id="{input_id}" value="{index}">'
                f'<label for="{input_id}">{_inline(to_html(option.text))}</label></div>'
            )
        parts.append("</fieldset>")
    parts.append('<p class="course-form-status" role="status" aria-live="polite"></p>')
    parts.append('<button type="submit" class="md-button md-button--primary">Submit my answers</button>')
    parts.append("</form>")
    return "\n".join(parts)


def evaluation_html(form: EvaluationForm) -> str:
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
            f'<p class="course-comment"><label for="{name}">{html.escape(comment.prompt)} (optional)</label>'
            f'<textarea id="{name}" name="{name}" rows="4" maxlength="4000"></textarea></p>'
        )
    parts.append('<p class="course-form-status" role="status" aria-live="polite"></p>')
    parts.append('<button type="submit" class="md-button md-button--primary">Submit the evaluation</button>')
    parts.append("</form>")
    return "\n".join(parts)


def _inline(fragment: str) -> str:
    return re.sub(r"^\s*<p>(.*)</p>\s*$", r"\1", fragment, flags=re.S)
