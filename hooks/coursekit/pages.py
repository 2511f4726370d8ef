"""Course pages: the `course:` block of a page's front matter, and its markers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from . import markers
from .errors import CourseError
from .yaml_source import Value, YamlDoc, load_yaml

ROLES = ("module", "post-test", "evaluation", "certificate", "verify")
# MkDocs' own front-matter block; the one place the builder reads it.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_FRONT_MATTER_OPENS = re.compile(r"\A-{3}[ \t]*\n")
_COURSE_KEY = re.compile(r"^course:", re.M)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][\w'’-]*")


@dataclass(frozen=True)
class CoursePage:
    """A page the course tracks: a module, the post-test, the evaluation or the certificate."""

    role: str
    src: str
    uri: str
    url: str
    title: str
    slug: str
    minutes: int
    bank: str | None
    form: str | None
    objectives: tuple[str, ...]
    words: int
    # Where each key of the page's `course:` block was written (None: not written), for errors.
    lines: Mapping[str, int | None] = field(default_factory=dict, compare=False, repr=False)
    # The whole front matter with the line of every key and list item, for later checks (rules).
    front: YamlDoc | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PageSource:
    """What the hooks know of a Markdown page before it is rendered."""

    src: str  # path shown in errors, e.g. docs/modules/backdraft.md
    uri: str  # path inside docs/, e.g. modules/backdraft.md
    url: str  # site-relative URL, e.g. modules/backdraft/
    text: str  # the whole file, front matter included


def read_course_page(source: PageSource) -> CoursePage | None:
    """The page's course role, or None for an ordinary page. Raises CourseError."""
    front = FRONT_MATTER.match(source.text)
    if front is None and _FRONT_MATTER_OPENS.match(source.text) and _COURSE_KEY.search(source.text):
        # MkDocs would read it all as text, silently making an ordinary page of a course page.
        raise CourseError(source.src, 1, "the front matter opened on this line is never closed: end it with a line of three dashes, '---'")
    body = source.text[front.end():] if front else source.text
    body_line = body_start_line(source.text)
    markers.check_no_raw_quiz(body, source.src, first_line=body_line)
    doc = load_yaml(front.group(1), source.src, first_line=2) if front else None
    if doc is None or not isinstance(doc.data, dict) or "course" not in doc.data:
        markers.check_markers(body, source.src, None, first_line=body_line)
        return None
    course = doc.root().child("course")
    role = course.mapping(required={"role"}, optional={"minutes", "bank", "form", "objectives"})["role"].text()
    if role not in ROLES:
        raise course.child("role").error(f"'course.role' must be one of {', '.join(ROLES)}, not '{role}'")
    required = {"module": {"role", "minutes", "bank", "objectives"}, "post-test": {"role", "bank"},
                "evaluation": {"role", "form"}, "certificate": {"role"}, "verify": {"role"}}[role]
    optional = {"module": set(), "post-test": {"minutes"}, "evaluation": {"minutes"}, "certificate": set(), "verify": set()}[role]
    if role == "module" and "objectives" not in (course.raw or {}):
        raise course.error("a module needs 'objectives': a list of what the learner will be able to do")
    keys = course.mapping(required=required, optional=optional)
    markers.check_markers(body, source.src, role, first_line=body_line, has_bank="bank" in keys)
    return CoursePage(
        role=role,
        src=source.src,
        uri=source.uri,
        url=source.url,
        title=_title(doc.data, body, source.src),
        slug=source.src.rsplit("/", 1)[-1].removesuffix(".md"),
        minutes=_minutes(keys["minutes"]) if "minutes" in keys else 0,
        bank=keys["bank"].text() if "bank" in keys else None,
        form=keys["form"].text() if "form" in keys else None,
        objectives=_objectives(keys["objectives"]) if "objectives" in keys else (),
        words=count_words(body),
        lines={key: doc.lines.get(("course", key)) for key in ("role", "bank", "form", "minutes", "objectives")},
        front=doc,
    )


def count_words(markdown: str) -> int:
    """Words a learner reads: HTML comments, link targets and attribute lists excluded."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[#.][^}]*\}", " ", text)
    return len(_WORD.findall(text))


def body_start(text: str) -> int:
    """Where a page's Markdown starts, after its front matter."""
    front = FRONT_MATTER.match(text)
    return front.end() if front else 0


def body_start_line(text: str) -> int:
    return text.count("\n", 0, body_start(text)) + 1


def _title(meta: dict, body: str, src: str) -> str:
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        return meta["title"].strip()
    heading = _H1.search(body)
    return heading.group(1) if heading else src.rsplit("/", 1)[-1].removesuffix(".md")


def _minutes(value: Value) -> int:
    minutes = value.number()
    if minutes <= 0 or not minutes.is_integer():
        raise value.error(f"'minutes' is a positive whole number of minutes, not {value.raw!r}")
    return int(minutes)


def _objectives(value: Value) -> tuple[str, ...]:
    objectives = tuple(item.text() for item in value.items())
    if not objectives:
        raise value.error("a module needs at least one learning objective")
    return objectives
