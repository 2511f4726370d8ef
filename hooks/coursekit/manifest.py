"""The build-time course manifest: the browser's single source of course facts."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .model import Course
from .pages import CoursePage

MANIFEST_URL = "course-manifest.json"
SCHEMA_VERSION = 1


def manifest(course: Course) -> dict[str, Any]:
    s = course.settings
    post_test = course.page_with_role("post-test")
    evaluation = course.page_with_role("evaluation")
    certificate = course.page_with_role("certificate")
    return {
        "schema": SCHEMA_VERSION,
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
        "modules": [_quiz_page(course, m) | {"minutes": m.minutes} for m in course.modules],
        "post_test": _quiz_page(course, post_test) | {"key": _answer_key(course, post_test)} if post_test else None,
        "evaluation": _evaluation(course, evaluation) if evaluation else None,
        "certificate": {"url": certificate.url, "title": certificate.title} if certificate else None,
    }


def manifest_json(course: Course) -> str:
    return json.dumps(manifest(course), ensure_ascii=False, indent=1)


def _quiz_page(course: Course, page: CoursePage) -> dict[str, Any]:
    bank = course.banks[page.bank] if page.bank else None
    return {
        "slug": page.slug,
        "title": page.title,
        "url": page.url,
        "bank": page.bank,
        "quizzes": list(bank.quiz_ids) if bank else [],
    }


def _answer_key(course: Course, page: CoursePage) -> list[list[int]]:
    """Correct option indices per post-test question: the browser grades the test.

    The key is public by nature of a static site; the course says so plainly.
    """
    bank = course.banks[page.bank] if page.bank else None
    return [[i for i, o in enumerate(q.options) if o.correct] for q in bank.questions] if bank else []


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
