"""What the hooks insert into pages: objectives, course facts, the post-test and evaluation forms.

Every text comes from the course's catalogue (coursekit.i18n), in theme.language.
Knowledge checks are written by the quiz adapter (coursekit.quiz.adapter).
"""

from __future__ import annotations

import html
import posixpath
import re

from typing import Callable

from .banks import Bank, EvaluationForm, Question
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


def modules_markdown(course: Course, page_url: str, strings: Catalogue) -> str:
    """The modules as a list of cards: number, estimated time, linked title, and a place for
    the learner's status in each (progress.js fills `.course-step-status` from stored progress)."""
    total = len(course.modules)
    cards = []
    for number, module in enumerate(course.modules, start=1):
        meta = " ".join((strings.text("steps.module.label", number=number, total=total),
                         strings.text("page.modules.time", minutes=module.minutes)))
        cards.append(
            f'<li class="course-module" data-course-step="{html.escape(module.url)}">'
            f'<p class="course-module-meta">{html.escape(meta)}</p>'
            f'<a class="course-module-link" href="{html.escape(_relative_url(module.url, page_url))}">{html.escape(module.title)}</a>'
            f'<p class="course-step-status"></p></li>'
        )
    return f'\n<ol class="course-modules">{"".join(cards)}</ol>\n'


def overview_html(course: Course, page_url: str, strings: Catalogue) -> str:
    """The course home's first screen under the title: credit, time, level and provider, then the
    one next action. Built as "Start the course" (the first step); progress.js turns it into
    Continue or Get your certificate from the learner's stored progress."""
    s = course.settings
    label = strings.text
    facts = [
        (label("page.details.credit"), strings.credit(s.ce_hours, s.credit_unit)) if s.credit_unit != "none" else None,
        (label("page.overview.time"), _course_time(course, strings)),
        (label("page.overview.level"), label(f"page.details.level.{s.level}")),
        (label("page.details.provider"), s.provider),
    ]
    rows = "".join(f"<div><dt>{html.escape(name)}</dt><dd>{html.escape(value)}</dd></div>" for name, value in filter(None, facts))
    parts = [f'\n<div class="course-overview" data-course-widget="overview"><dl class="course-facts">{rows}</dl>']
    first = _first_step(course, strings)
    if first is not None:
        page, name = first
        parts.append(
            '<div class="course-next-action">'
            f'<a class="md-button md-button--primary course-next-button" href="{html.escape(_relative_url(page.url, page_url))}">'
            f'{html.escape(label("home.start"))}</a>'
            f'<p class="course-next-where">{html.escape(name)}</p></div>'
        )
    parts.append("</div>\n")
    return "".join(parts)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _first_step(course: Course, strings: Catalogue) -> tuple[CoursePage, str] | None:
    """The course's first step and its name as progress.js shows it ("Module 1 of 6: Title")."""
    if not course.modules:
        return None
    module = course.modules[0]
    label = strings.text("steps.module.label", number=1, total=len(course.modules))
    return module, strings.text("position.next.link", label=label, title=module.title)


def _relative_url(target: str, page_url: str) -> str:
    """A site-relative URL (`modules/evidence/`) as a link from the page at `page_url`."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    if not base:
        return target or "./"
    link = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    return link + "/" if target.endswith("/") and not link.endswith("/") else link


def _course_time(course: Course, strings: Catalogue) -> str:
    """The estimated time of the whole course: the modules, the post-test and the evaluation."""
    minutes = sum(p.minutes for p in course.modules)
    minutes += sum(p.minutes for p in (course.page_with_role("post-test"), course.page_with_role("evaluation")) if p)
    if minutes < 60:
        return strings.plural("page.overview.minutes", minutes, minutes=minutes)
    hours = round(minutes / 30) / 2  # to the half hour: an estimate, not a timetable
    return strings.plural("page.overview.hours", hours, max_fraction=1, hours=hours)


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
    Each question carries its feedback and explanation hidden, for the review
    that post-test-review.js shows once the learner has passed. The form stays
    out of the search index (data-search-exclude): options run together there,
    in bank order, which is often the right answer first.
    """
    parts = [f'<form class="course-post-test" data-bank="{bank.id}" action="javascript:void(0);" novalidate data-search-exclude>']
    for number, question in enumerate(bank.questions, start=1):
        qid = bank.quiz_id(question)
        kind = "checkbox" if question.type == "multiple" else "radio"
        hint = f" <em>{html.escape(strings.text('page.post_test.select_all'))}</em>" if question.type == "multiple" else ""
        parts.append(f'<fieldset class="course-question" id="{qid}" data-type="{question.type}">')
        shown = html.escape(strings.text("post_test.number", number=number, total=len(bank.questions)))
        parts.append(f'<legend><span class="course-question-number">{shown}</span></legend>')
        parts.append(f'<div class="course-question-prompt">{to_html(question.prompt)}{hint}</div>')
        parts.append('<div class="course-options">')
        for index, option in enumerate(question.options):
            input_id = f"{qid}-{index}"
            parts.append(
                f'<label class="course-option" for="{input_id}"><input type="{kind}" name="{qid}" id="{input_id}" value="{index}">'
                f'<span class="course-option-text">{_inline(to_html(option.text))}</span></label>'
            )
        parts.append("</div>")
        parts.append(_review_notes(question, to_html))
        parts.append("</fieldset>")
    parts.append('<p class="course-form-status" role="status" aria-live="polite"></p>')
    parts.append(f'<button type="submit" class="md-button md-button--primary">{html.escape(strings.text("page.post_test.submit"))}</button>')
    parts.append("</form>")
    return "\n".join(parts)


def _review_notes(question: Question, to_html: Callable[[str], str]) -> str:
    """Each option's feedback and the explanation, hidden: the review after a pass shows them."""
    notes = [f'<div data-option="{index}">{to_html(option.feedback)}</div>'
             for index, option in enumerate(question.options) if option.feedback.strip()]
    notes.append(f'<div data-explanation>{to_html(question.explanation)}</div>')
    return '<div class="course-review-notes" hidden>' + "".join(notes) + "</div>"


def evaluation_html(form: EvaluationForm, strings: Catalogue) -> str:
    # The rating labels repeat under every statement: kept out of the search index, the statements stay.
    parts = [f'<form class="course-evaluation" data-form="{form.id}" action="javascript:void(0);" novalidate>']
    for number, item in enumerate(form.items, start=1):
        name = f"evaluation-{item.id}"
        parts.append(f'<fieldset class="course-likert" id="{name}"><legend>{number}. {html.escape(item.statement)}</legend>')
        parts.append('<div class="course-likert-scale" data-search-exclude>')
        for index, label in enumerate(form.scale, start=1):
            parts.append(
                f'<label><input type="radio" name="{name}" value="{index}"><span>{html.escape(label)}</span></label>'
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
