"""The build-time course manifest: the browser's single source of course facts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from .banks import Bank, Question
from .credit import accreditation_text, credit_manifest
from .i18n import Catalogue, shipped_catalogue
from .quiz import adapter
from .model import Course
from .pages import CoursePage
from .signing import FIELD_KEYS, signing_manifest

MANIFEST_URL = "course-manifest.json"
# 2: each quiz page lists the shape of its questions; the post-test's answer key
# is keyed by question id (`questions`) instead of by position (`key`).
# 3: the post-test's `draw` (questions per attempt, None for all).
# 4: `language` and `strings` (the interface's texts, hooks/assets/i18n.js reads them);
# `course.credit` ({amount, unit}; `ce_hours` stays: it is the amount).
# 5: `hash` (of the rest: names the build), `course.learner_fields`, `course.approval`,
# `course.delivery_format`, `verify` (the verify page) and `signing` (coursekit/signing.py).
# Added within 5: `course.signer` {name, credentials, title, signature (a docs-relative image path or "")},
# `course.contact` ({email, url} or None).
SCHEMA_VERSION = 5
# Texts only the build writes into pages: the browser never needs them.
_BUILD_ONLY = "page."


def manifest(course: Course, strings: Catalogue | None = None) -> dict[str, Any]:
    """The manifest; `strings`: the build's effective catalogue (default: the shipped English one)."""
    s = course.settings
    strings = strings or shipped_catalogue("en")
    post_test = course.page_with_role("post-test")
    evaluation = course.page_with_role("evaluation")
    certificate = course.page_with_role("certificate")
    verify = course.page_with_role("verify")
    return {
        "schema": SCHEMA_VERSION,
        # Where mkdocs-quiz keeps a page's answers: this prefix + the page's path.
        "quiz_storage_prefix": adapter.STORAGE_PREFIX,
        "language": strings.language,
        "strings": {key: text for key, text in strings.strings.items() if not key.startswith(_BUILD_ONLY)},
        "course": {
            "id": s.id,
            "version": s.version,
            "title": s.title,
            "provider": s.provider,
            "audience": s.audience,
            "level": s.level,
            "ce_hours": s.ce_hours,
            "credit": credit_manifest(s),
            "pass_mark": s.pass_mark,
            "accreditation": accreditation_text(s, strings),
            "authors": [asdict(a) for a in s.authors],
            "signer": asdict(s.signer),
            "requirements": asdict(s.requirements),
            # The learner fields the certificate asks for: {field, key (as stored), required}.
            "learner_fields": [{"field": f.name, "key": FIELD_KEYS[f.name], "required": f.required} for f in s.learner_fields],
            "approval": asdict(s.approval) if s.approval else None,
            # The organizer's words, or the catalogue's ("Online self-study") in the course language.
            "delivery_format": s.delivery_format or strings.text("course.delivery_format.default"),
            "contact": asdict(s.contact) if s.contact else None,
        },
        "modules": [_module(course, m) for m in course.modules],
        "post_test": _post_test(course, post_test) if post_test else None,
        "evaluation": _evaluation(course, evaluation) if evaluation else None,
        "certificate": {"url": certificate.url, "title": certificate.title} if certificate else None,
        "verify": {"url": verify.url, "title": verify.title} if verify else None,
        "signing": signing_manifest(course),
    }


def manifest_json(course: Course, strings: Catalogue | None = None) -> str:
    """The manifest as the site publishes it, with its `hash`: a completion record names the build it was made with."""
    data = manifest(course, strings)
    data["hash"] = manifest_hash(data)
    return json.dumps(data, ensure_ascii=False, indent=1)


def manifest_hash(data: dict[str, Any]) -> str:
    """'sha256:<hex>' of the manifest's canonical JSON (sorted keys, no spaces), `hash` itself left out."""
    body = {key: value for key, value in data.items() if key != "hash"}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
    # `draw`: questions per attempt, drawn by hooks/assets/draw.js balanced by `covers` (None: all).
    return _quiz_page(course, page) | {"questions": questions, "draw": bank.draw if bank else None}


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
