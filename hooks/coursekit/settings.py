"""The organizer's course settings: `extra.course` in mkdocs.yml, validated once."""

from __future__ import annotations

from dataclasses import dataclass, field

from .yaml_source import Value

LEVELS = ("introductory", "intermediate", "advanced")
DEFAULT_ACCREDITATION = (
    "This course has not been approved for continuing-education credit by any accrediting body. "
    "Check with your licensing board or the course organizer before claiming credit."
)


@dataclass(frozen=True)
class Author:
    name: str
    credentials: str
    disclosure: str


@dataclass(frozen=True)
class Signer:
    name: str
    title: str


@dataclass(frozen=True)
class Requirements:
    """Which steps unlock the certificate (each switchable by the organizer)."""

    modules: bool = True
    post_test: bool = True
    evaluation: bool = True


@dataclass(frozen=True)
class CourseSettings:
    id: str
    version: str
    title: str
    provider: str
    authors: tuple[Author, ...]
    audience: str
    level: str
    ce_hours: float
    pass_mark: int
    accreditation: str
    signer: Signer
    requirements: Requirements
    words_per_ce_hour: int
    banks_dir: str
    # Where each setting was written, so later checks can name the line.
    file: str = "mkdocs.yml"
    lines: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)


def parse_settings(course: Value, *, site_name: str) -> CourseSettings:
    """Validate the `extra.course` mapping; raise CourseError naming the line."""
    keys = course.mapping(
        required={"id", "version", "provider", "authors", "audience", "level", "ce_hours", "signer"},
        optional={"title", "pass_mark", "accreditation", "requirements", "words_per_ce_hour", "banks_dir"},
    )
    course_id = keys["id"].text()
    if not course_id.replace("-", "").replace("_", "").isalnum():
        raise keys["id"].error("'id' may contain only letters, digits, '-' and '_' (it names the learner's stored progress)")

    level = keys["level"].text().lower()
    if level not in LEVELS:
        raise keys["level"].error(f"'level' must be one of {', '.join(LEVELS)}, not '{level}'")

    ce_hours = keys["ce_hours"].number()
    if ce_hours <= 0:
        raise keys["ce_hours"].error(f"'ce_hours' must be a positive number of hours, not {keys['ce_hours'].raw!r}")

    pass_mark = 80
    if "pass_mark" in keys:
        mark = keys["pass_mark"].number()
        if not mark.is_integer() or not 1 <= mark <= 100:
            raise keys["pass_mark"].error(f"'pass_mark' is a whole percentage from 1 to 100, not {keys['pass_mark'].raw!r}")
        pass_mark = int(mark)

    words_per_hour = 10_000
    if "words_per_ce_hour" in keys:
        words = keys["words_per_ce_hour"].number()
        if words <= 0 or not words.is_integer():
            raise keys["words_per_ce_hour"].error("'words_per_ce_hour' must be a positive whole number")
        words_per_hour = int(words)

    return CourseSettings(
        id=course_id,
        version=keys["version"].text(),
        title=keys["title"].text() if "title" in keys else site_name,
        provider=keys["provider"].text(),
        authors=_authors(keys["authors"]),
        audience=keys["audience"].text(),
        level=level,
        ce_hours=ce_hours,
        pass_mark=pass_mark,
        accreditation=keys["accreditation"].text() if "accreditation" in keys else DEFAULT_ACCREDITATION,
        signer=_signer(keys["signer"]),
        requirements=_requirements(keys["requirements"]) if "requirements" in keys else Requirements(),
        words_per_ce_hour=words_per_hour,
        banks_dir=keys["banks_dir"].text() if "banks_dir" in keys else "quizzes",
        file=course.doc.file,
        lines={name: course.doc.line(course.path + (name,)) for name in keys} | {"": course.doc.line(course.path)},
    )


def _authors(value: Value) -> tuple[Author, ...]:
    authors = []
    for item in value.items():
        keys = item.mapping(required={"name", "credentials"}, optional={"disclosure"})
        authors.append(
            Author(
                name=keys["name"].text(),
                credentials=keys["credentials"].text(),
                disclosure=keys["disclosure"].text() if "disclosure" in keys else "No relevant financial relationships.",
            )
        )
    if not authors:
        raise value.error("'authors' needs at least one author (name and credentials)")
    return tuple(authors)


def _signer(value: Value) -> Signer:
    keys = value.mapping(required={"name", "title"})
    return Signer(name=keys["name"].text(), title=keys["title"].text())


def _requirements(value: Value) -> Requirements:
    keys = value.mapping(required=set(), optional={"modules", "post_test", "evaluation"})
    return Requirements(**{name: keys[name].flag() for name in keys})
