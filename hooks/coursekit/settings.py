"""The organizer's course settings: `extra.course` in mkdocs.yml, declared once and validated once.

Each setting is one dataclass field: its name is the YAML key, its annotation
the type the rest of the builder gets, its default (none: required), and in its
metadata the help text and the reader that validates it. `read_schema` reads any
of these schemas from YAML, so no key, default or rule is written twice; the
README's settings table can be generated from the same fields (`settings_table`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import MISSING, dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping, TypeVar

from . import csp
from .i18n import KEYS_FILE, read_overrides
from .rules import DEFAULT_PRESET, RuleSet, read_rules
from .signing import (
    DEFAULT_LEARNER_FIELDS, Approval, LearnerField, Signing, read_approval, read_learner_fields, read_signing,
)
from .yaml_source import PathKey, Source, Value, shorten

LEVELS = ("introductory", "intermediate", "advanced")
DEFAULT_ACCREDITATION = (
    "This course has not been approved for continuing-education credit by any accrediting body. "
    "Check with your licensing board or the course organizer before claiming credit."
)
DEFAULT_DISCLOSURE = "No relevant financial relationships."
# The unit `ce_hours` is counted in; "none" is a non-credit course (a certificate of completion only).
CREDIT_UNITS = ("ce-hours", "contact-hours", "ceus", "none")
_UNIT_WORDS = {"ce-hours": "CE hours", "contact-hours": "contact hours", "ceus": "CEUs"}  # for messages
_COURSE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_EMAIL = re.compile(r"^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$")
_WEB_ADDRESS = re.compile(r"^https?://[^\s/<>]+\.[^\s<>]+$", re.I)
SIGNATURE_MAX_KB = 200  # a signature image: a few KB as PNG; the limit keeps the page and the PDF light

T = TypeVar("T")


def setting(help: str, read: Callable[[Value], Any], *, default: Any = MISSING, shown: str | None = None) -> Any:  # noqa: A002
    """One declared setting: its help text, its reader (validator) and, if optional, its default
    (`shown` says it in words where the value itself does not read well)."""
    return field(default=default, metadata={"help": help, "read": read, "shown": shown})


# --------------------------------------------------------------------------
# Readers: each takes the YAML value and returns the typed one, or raises CourseError at its line
# --------------------------------------------------------------------------


def _text(value: Value) -> str:
    return value.text()


def _course_id(value: Value) -> str:
    text = value.text()
    if not _COURSE_ID.match(text):
        raise value.error("'id' may contain only letters, digits, '-' and '_' (it names the learner's stored progress)")
    return text


def _level(value: Value) -> str:
    level = value.text().lower()
    if level not in LEVELS:
        raise value.error(f"'level' must be one of {', '.join(LEVELS)}, not '{shorten(value.raw)}'")
    return level


def _ce_hours(value: Value) -> float:
    hours = value.number()
    if hours < 0:
        raise value.error(f"'ce_hours' must be a positive number of hours, not {value.raw!r}")
    return hours  # 0 is refused unless credit_unit is none (_check_credit)


def _strings(value: Value) -> Mapping[str, str]:
    return MappingProxyType(read_overrides(value))


def _credit_unit(value: Value) -> str:
    unit = value.text().lower()
    if unit not in CREDIT_UNITS:
        raise value.error(f"'credit_unit' must be one of {', '.join(CREDIT_UNITS)}, not '{shorten(value.raw)}'")
    return unit


def _pass_mark(value: Value) -> int:
    mark = value.number()
    if not mark.is_integer() or not 1 <= mark <= 100:
        raise value.error(f"'pass_mark' is a whole percentage from 1 to 100, not {value.raw!r}")
    return int(mark)


def _words_per_hour(value: Value) -> int:
    words = value.number()
    if words <= 0 or not words.is_integer():
        raise value.error(f"'words_per_ce_hour' must be a positive whole number, not {value.raw!r}")
    return int(words)


def _signature_path(value: Value) -> str:
    """A path inside the docs folder, written with '/'; the file itself is checked by signature.py."""
    text = value.text().replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) or ".." in text.split("/"):
        raise value.error(f"'signature' is a path inside the docs folder (for example assets/signature.png), not '{shorten(text)}'")
    if not re.search(r"\.(png|jpe?g)$", text, re.I):
        raise value.error(f"'signature' must be a PNG or JPEG image (.png, .jpg or .jpeg), not '{shorten(text)}'")
    return text


def _email(value: Value) -> str:
    text = value.text()
    if not _EMAIL.match(text):
        raise value.error(f"'email' must be an email address such as ce@example.org, not '{shorten(text)}'")
    return text


def _web_address(value: Value) -> str:
    text = value.text()
    if not _WEB_ADDRESS.match(text):
        raise value.error(f"'url' must be a web address starting with https:// or http://, not '{shorten(text)}'")
    return text


def _folder(value: Value) -> str:
    text = value.text().replace("\\", "/").rstrip("/")
    if not text or text in (".", "./"):
        raise value.error(f"'{value.name}' names the project folder itself; give the banks a folder of their own (for example quizzes)")
    return text


# --------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Author:
    name: str = setting("The author's name as printed on the course home and certificate.", _text)
    credentials: str = setting("Degrees and licences, for example 'PhD, Licensed Psychologist'.", _text)
    disclosure: str = setting("Relevant financial relationships.", _text, default=DEFAULT_DISCLOSURE)


@dataclass(frozen=True)
class Signer:
    """Who signs the certificate: a person (name, credentials, signature) in a role (title)."""

    title: str = setting("The signer's role and organization, for example 'Director of Education, Example Institute'.", _text)
    name: str = setting("The person who signs ('Dr Jane Doe'); the named_authors rule requires one.", _text, default="")
    credentials: str = setting("The signer's degrees and licences, for example 'PhD, ABPP'.", _text, default="")
    signature: str = setting(f"An image of the signature in the docs folder, PNG or JPEG of at most {SIGNATURE_MAX_KB} KB "
                             "(for example assets/signature.png).", _signature_path, default="")


@dataclass(frozen=True)
class Contact:
    """How learners and boards reach the provider: shown on the certificate and the completion summary."""

    email: str = setting("The provider's email address.", _email, default="")
    url: str = setting("The provider's web address (https://...).", _web_address, default="")


@dataclass(frozen=True)
class Requirements:
    """Which steps unlock the certificate (each switchable by the organizer)."""

    modules: bool = setting("Every module's knowledge check answered.", Value.flag, default=True)
    post_test: bool = setting("The post-test passed at pass_mark.", Value.flag, default=True)
    evaluation: bool = setting("The course evaluation submitted.", Value.flag, default=True)


def _authors(value: Value) -> tuple[Author, ...]:
    authors = tuple(read_schema(Author, item) for item in value.items())
    if not authors:
        raise value.error("'authors' needs at least one author (name and credentials)")
    return authors


def _signer(value: Value) -> Signer:
    return read_schema(Signer, value)  # the name a credit course needs: rules.py (named_authors); the image: signature.py


def _contact(value: Value) -> Contact:
    contact = read_schema(Contact, value)
    if not (contact.email or contact.url):
        raise value.error("'contact' needs an email, a url or both, for example {email: ce@example.org}")
    return contact


def _requirements(value: Value) -> Requirements:
    return read_schema(Requirements, value)  # at least one true: _check_requirements, which knows the credit unit


@dataclass(frozen=True)
class CourseSettings:
    # Required: no default.
    id: str = setting("Names the learner's stored progress; change it for a new course. Letters, digits, '-', '_'.", _course_id)
    version: str = setting("Printed on certificates. Text: write it in quotes (\"1.10\").", _text)
    provider: str = setting("The organization that offers the course.", _text)
    authors: tuple[Author, ...] = setting("A list of authors: name, credentials, disclosure.", _authors)
    audience: str = setting("Who the course is for.", _text)
    level: str = setting(f"Instructional level: {', '.join(LEVELS[:-1])} or {LEVELS[-1]}.", _level)
    signer: Signer = setting("Who signs the certificate: title (role), and the person's name, credentials and signature "
                             "image; see 'The certificate'.", _signer)
    # Optional.
    ce_hours: float = setting("The credit a learner earns, in credit_unit (a positive number), checked against the reading load.",
                              _ce_hours, default=0.0, shown="required unless credit_unit is none")
    credit_unit: str = setting("The unit of ce_hours: ce-hours, contact-hours, ceus, or none (a non-credit course: no credit shown, "
                               "a certificate of completion).", _credit_unit, default="ce-hours")
    title: str = setting("The course title.", _text, default="", shown="site_name")
    pass_mark: int = setting("Post-test pass mark in percent, 1 to 100.", _pass_mark, default=80)
    accreditation: str = setting("The approval statement; leave it unset to state plainly that no body has approved credit.",
                                 _text, default=DEFAULT_ACCREDITATION, shown="a plain 'not approved' statement")
    requirements: Requirements = setting("What unlocks the certificate: modules, post_test, evaluation (each true by default).",
                                         _requirements, default=Requirements(), shown="all true")
    words_per_ce_hour: int = setting("Reading load per unit of credit (per CE hour, contact hour or CEU), in words.", _words_per_hour, default=10_000)
    banks_dir: str = setting("The folder of the question banks, beside (never inside) the docs folder.", _folder, default="quizzes")
    content_security_policy: Mapping[str, tuple[str, ...]] | None = setting(
        "Extra https origins per CSP directive, e.g. 'frame-src: [https://www.youtube-nocookie.com]'.",
        csp.parse_extension, default=None, shown="none")
    rules: RuleSet = setting("The CE rules the build checks: a preset (apa, nasw, none) and single rules overridden; see 'Rule presets'.",
                             read_rules, default=RuleSet(), shown=f"preset {DEFAULT_PRESET}")
    strings: Mapping[str, str] | None = setting(f"Your own text for any interface string, by key (keys: {KEYS_FILE}), "
                                                "e.g. 'post_test.retake: Take the test again'.",
                                                _strings, default=None, shown="none")
    learner_fields: tuple[LearnerField, ...] = setting(
        "What the certificate asks the learner: name (always required), credentials, license_number, license_state, email; "
        "a list (each optional but name) or a mapping of field: required|optional.",
        read_learner_fields, default=DEFAULT_LEARNER_FIELDS, shown="name, credentials, license_number")
    approval: Approval | None = setting("The approving body and your approval number with it ({body, number}), for the roster.",
                                        read_approval, default=None, shown="none")
    delivery_format: str = setting("How the course is delivered, printed on the certificate and in the roster.", _text, default="",
                                   shown="'Online self-study' in the course language")
    contact: Contact | None = setting("How to reach the provider, printed on the certificate and the completion summary: "
                                      "{email, url} (either or both).", _contact, default=None, shown="none")
    signing: Signing | None = setting("Certificates you sign and anyone can verify: your public keys, where learners send their "
                                      "record (send_to) and the revocation list; see 'Signed certificates'.",
                                      read_signing, default=None, shown="none (certificates are self-issued)")
    offline: bool = setting("After one visit online, the whole course (modules, post-test, certificate and its PDF) works "
                            "without a connection (a service worker); false turns it off and removes it from learners' browsers.",
                            Value.flag, default=True, shown="true")
    # Where the settings were written, so later checks can name the file and line.
    source: Source | None = field(default=None, compare=False, repr=False)
    path: PathKey = field(default=("extra", "course"), compare=False, repr=False)
    written: frozenset[str] = field(default=frozenset(), compare=False, repr=False)  # keys the organizer set

    def where(self, *names: str) -> tuple[str, int | None]:
        """The file and line of a setting (of its nearest written ancestor if unset); no name: the block."""
        if self.source is None:
            return "mkdocs.yml", None
        return self.source.locate(self.path + names)


def parse_settings(course: Value, *, site_name: str) -> CourseSettings:
    """Validate the `extra.course` mapping; raise CourseError naming the file and line."""
    settings = read_schema(CourseSettings, course)
    _check_credit(settings, course)
    _check_requirements(settings, course)
    title = settings.title or site_name
    return dataclasses.replace(settings, title=title, source=course.doc, path=course.path, written=frozenset(course.raw))


def _check_credit(settings: CourseSettings, course: Value) -> None:
    """A credit course states its amount; a non-credit course (credit_unit: none) may leave it out or write 0."""
    if settings.credit_unit == "none":
        return
    if "ce_hours" not in course.raw:
        raise course.error(f"{course.subject} is missing the required key 'ce_hours' (the credit, in "
                           f"{_UNIT_WORDS[settings.credit_unit]}; a course without credit sets credit_unit: none)")
    if settings.ce_hours == 0:
        raise course.child("ce_hours").error(f"'ce_hours' must be a positive number of {_UNIT_WORDS[settings.credit_unit]}, "
                                             "not 0 (a course without credit sets credit_unit: none)")


def _check_requirements(settings: CourseSettings, course: Value) -> None:
    if any(dataclasses.astuple(settings.requirements)):
        return
    what = "certificate of completion" if settings.credit_unit == "none" else "certificate"
    raise course.child("requirements").error(
        f"every requirement is false, so the {what} would be issued for nothing completed: "
        "at least one of modules, post_test, evaluation must be true")


def read_schema(schema: type[T], value: Value) -> T:
    """Read a mapping into a schema dataclass: known keys only, required ones present, each validated."""
    declared = [f for f in dataclasses.fields(schema) if "read" in f.metadata]  # type: ignore[arg-type]
    required = {f.name for f in declared if f.default is MISSING}
    keys = value.mapping(required=required, optional={f.name for f in declared} - required)
    return schema(**{f.name: f.metadata["read"](keys[f.name]) for f in declared if f.name in keys})


def settings_table() -> str:
    """The settings as a Markdown table (name, default, what it is), from the schema itself."""
    rows = ["| setting | default | what it is |", "|---|---|---|"]
    for f in dataclasses.fields(CourseSettings):
        if "read" in f.metadata:
            default = "required" if f.default is MISSING else f.metadata["shown"] or f"`{f.default}`"
            rows.append(f"| `{f.name}` | {default} | {f.metadata['help']} |")
    return "\n".join(rows) + "\n"
