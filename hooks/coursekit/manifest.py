"""The build-time course manifest: the browser's single source of course facts."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .banks import Bank, Question
from .quiz import adapter
from .model import Course
from .pages import CoursePage

MANIFEST_URL = "course-manifest.json"
# 2: each quiz page lists the shape of its questions; the post-test's answer key
# is keyed by question id (`questions`) instead of by position (`key`).
SCHEMA_VERSION = 2


def manifest(course: Course) -> dict[str, Any]:
    s = course.settings
    post_test = course.page_with_role("post-test")
    evaluation = course.page_with_role("evaluation")
    certificate = course.page_with_role("certificate")
    return {
        "schema": SCHEMA_VERSION,
        # Where mkdocs-quiz keeps a page's answers: this prefix + the page's path.
        "quiz_storage_prefix": adapter.STORAGE_PREFIX,
        "course": {
            "id": s.id,
            "version": s.version,
            "title": s.title,
            "provider": s.provider,
            "audience": s.audience,
            "level": s.level,
            "ce_hours": s.ce_hours,
            "pass_mark": s.pass_mark,
            "accreditation": s.accreditation,
            "authors": [asdict(a) for a in s.authors],
            "signer": asdict(s.signer),
            "requirements": asdict(s.requirements),
        },
        "modules": [_module(course, m) for m in course.modules],
        "post_test": _post_test(course, post_test) if post_test else None,
        "evaluation": _evaluation(course, evaluation) if evaluation else None,
        "certificate": {"url": certificate.url, "title": certificate.title} if certificate else None,
    }


def manifest_json(course: Course) -> str:
    return json.dumps(manifest(course), ensure_ascii=False, indent=1)


def _quiz_page(course: Course, page: CoursePage) -> dict[str, Any]:
    bank = _bank(course, page)
    return {
        "slug": page.slug,
        "title": page.title,
        "url": page.url,
        "bank": page.bank,
        "quizzes": list(bank.quiz_ids) if bank else [],
    }


def _module(course: Course, page: CoursePage) -> dict[str, Any]:
    """A module with the shape of each knowledge-check question: enough to check
    an imported answer (option values, number of blanks) without the answer key."""
    bank = _bank(course, page)
    questions = [_shape(bank, q) for q in bank.questions] if bank else []
    return _quiz_page(course, page) | {"questions": questions, "minutes": page.minutes}


def _post_test(course: Course, page: CoursePage) -> dict[str, Any]:
    """The post-test with its answer key by question id: the browser grades the test.

    The key is public by nature of a static site; the course says so plainly.
    """
    bank = _bank(course, page)
    questions = [
        _shape(bank, q) | {"covers": q.covers, "correct": [i for i, o in enumerate(q.options) if o.correct]}
        for q in bank.questions
    ] if bank else []
    return _quiz_page(course, page) | {"questions": questions}


def _shape(bank: Bank, question: Question) -> dict[str, Any]:
    shape: dict[str, Any] = {"id": bank.quiz_id(question), "type": question.type}
    if question.type == "fill":
        shape["blanks"] = question.blanks
    else:
        shape["options"] = len(question.options)
    return shape


def _bank(course: Course, page: CoursePage) -> Bank | None:
    return course.banks[page.bank] if page.bank else None


def _evaluation(course: Course, page: CoursePage) -> dict[str, Any]:
    form = course.evaluation
    assert form is not None  # build_course loads the form of every evaluation page
    return {
        "url": page.url,
        "title": page.title,
        "form": form.id,
        "scale": list(form.scale),
        "items": [asdict(i) for i in form.items],
        "comments": [asdict(c) for c in form.comments],
    }
