"""The course's Markdown markers, `<!-- course:NAME -->`: one registry, found, checked and expanded once.

Authors place course content with small HTML comments (as Material's own docs do
with `<!-- md:... -->`). Spacing inside the comment is free; a marker shown as code
(a fenced block or an inline code span) is left alone; an unknown marker, a marker
on a page it does not apply to, or one used twice is an error naming file and line.

One marker takes arguments: `<!-- course:check ID ... -->` places the named questions
of the module's bank where it stands, so that checks sit beside the section they test.
The bank's other questions form the final knowledge check (`course:knowledge-check`,
at the end of the page unless placed); each question appears once on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from .errors import CourseError

# Tolerant of spacing and of what follows the colon, so that a near-miss is named, not ignored.
_MARKER = re.compile(r"<!--\s*course\s*:\s*([^\n]*?)\s*-->")
# Fenced blocks as mkdocs-quiz masks them (so both agree on what is code), then inline code spans.
_FENCED = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
# A code span ends within its paragraph: it never crosses a blank line.
_INLINE_CODE = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n)[^`]|`(?!\1))+?\1(?!`)")
_RAW_QUIZ = re.compile(r"<quiz>")
_ARGUMENT_SEPARATOR = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class MarkerSpec:
    name: str
    roles: frozenset[str] | None  # the page roles it may appear on; None: any page
    what: str  # what it inserts, for error messages
    takes_questions: bool = False  # written with question ids after its name, and usable more than once


REGISTRY: dict[str, MarkerSpec] = {
    spec.name: spec
    for spec in (
        MarkerSpec("knowledge-check", frozenset({"module"}), "the module's knowledge check"),
        MarkerSpec("check", frozenset({"module"}), "questions of the module's bank", takes_questions=True),
        MarkerSpec("post-test", frozenset({"post-test"}), "the post-test form"),
        MarkerSpec("evaluation", frozenset({"evaluation"}), "the evaluation form"),
        MarkerSpec("certificate", frozenset({"certificate"}), "the certificate"),
        MarkerSpec("verify", frozenset({"verify"}), "the certificate verifier"),
        MarkerSpec("details", None, "the course facts table"),
        MarkerSpec("modules", None, "the list of modules"),
        MarkerSpec("progress", None, "the learner's progress panel"),
        MarkerSpec("overview", None, "the course home's facts and next action"),
    )
}
# The marker a page of each role gets at its end when the author placed none.
DEFAULT_FOR_ROLE = {"module": "knowledge-check", "post-test": "post-test", "evaluation": "evaluation",
                    "certificate": "certificate", "verify": "verify"}


@dataclass(frozen=True)
class Marker:
    name: str
    start: int
    end: int
    line: int
    arguments: tuple[str, ...] = ()  # what follows the name: question ids for `check`

    @property
    def written(self) -> str:
        return f"<!-- course:{' '.join((self.name,) + self.arguments)} -->"


def find_markers(text: str, *, first_line: int = 1) -> list[Marker]:
    """Every marker outside code, in order; `line` counts from `first_line`."""
    found = []
    for match in _outside_code(_MARKER, text):
        name, *arguments = [word for word in _ARGUMENT_SEPARATOR.split(match.group(1)) if word] or [""]
        line = first_line + text.count("\n", 0, match.start())
        found.append(Marker(name, match.start(), match.end(), line, tuple(arguments)))
    return found


def check_markers(text: str, src: str, role: str | None, *, first_line: int = 1, has_bank: bool = True) -> None:
    """Raise CourseError for an unknown, misplaced or repeated marker."""
    seen: dict[str, int] = {}
    for marker in find_markers(text, first_line=first_line):
        spec = REGISTRY.get(marker.name)
        if spec is None:
            raise CourseError(src, marker.line, f"unknown marker '{marker.written}'; known markers: {', '.join(REGISTRY)}")
        if spec.roles is not None and role not in spec.roles:
            where = " or ".join(sorted(spec.roles))
            raise CourseError(src, marker.line, f"the marker '<!-- course:{marker.name} -->' places {spec.what} and belongs on a page with 'course: {{role: {where}}}'; remove it here")
        if marker.arguments and not spec.takes_questions:
            raise CourseError(src, marker.line, f"the marker '<!-- course:{marker.name} -->' takes nothing after its name; remove '{' '.join(marker.arguments)}' (to place single questions, write '<!-- course:check QUESTION-ID ... -->')")
        if spec.takes_questions and not marker.arguments:
            raise CourseError(src, marker.line, f"the marker '<!-- course:{marker.name} -->' names the questions it places: write their ids from the bank after it, e.g. '<!-- course:{marker.name} first-question-id second-question-id -->'")
        if marker.name in ("knowledge-check", "check") and not has_bank:
            raise CourseError(src, marker.line, f"the marker '<!-- course:{marker.name} -->' needs a question bank: name one in the front matter ('course.bank')")
        if marker.name in seen and not spec.takes_questions:
            raise CourseError(src, marker.line, f"the marker '<!-- course:{marker.name} -->' is used twice (first on line {seen[marker.name]}); keep one")
        seen.setdefault(marker.name, marker.line)


def check_placements(text: str, src: str, questions: Sequence[str], bank_file: str, *, first_line: int = 1) -> None:
    """Raise CourseError unless every question a `check` marker names is in the bank and placed once,
    and a placed final knowledge check still has questions left to hold."""
    placed: dict[str, int] = {}
    found = find_markers(text, first_line=first_line)
    for marker in found:
        spec = REGISTRY.get(marker.name)
        if spec is None or not spec.takes_questions:
            continue
        for question in marker.arguments:
            if question not in questions:
                raise CourseError(src, marker.line, f"'{question}' is not a question of this module's bank {bank_file}; its questions are: {', '.join(questions)}")
            if question in placed:
                where = "in this same marker" if placed[question] == marker.line else f"first on line {placed[question]}"
                raise CourseError(src, marker.line, f"the question '{question}' is placed twice ({where}); place each question once")
            placed[question] = marker.line
    final = next((m for m in found if m.name == "knowledge-check"), None)
    if final is not None and placed and not remaining_questions(questions, placed):
        raise CourseError(src, final.line, "every question of the bank is already placed with '<!-- course:check ... -->', so this final knowledge check would be empty; remove it")


def remaining_questions(questions: Sequence[str], placed: Iterable[str]) -> tuple[str, ...]:
    """The bank's questions no `check` marker places: the final knowledge check, in bank order."""
    taken = set(placed)
    return tuple(q for q in questions if q not in taken)


def check_no_raw_quiz(text: str, src: str, *, first_line: int = 1) -> None:
    """Questions come from banks only: a `<quiz>` block outside a fenced code block is refused."""
    for match in _outside_code(_RAW_QUIZ, text, inline=False):
        line = first_line + text.count("\n", 0, match.start())
        raise CourseError(src, line, "write questions in a bank under quizzes/ and name it in the front matter ('course.bank'), not as <quiz> blocks in the page (to show the syntax, put it in a fenced code block)")


def expand_markers(text: str, role: str | None, expand: Callable[[str, tuple[str, ...]], str],
                   questions: Sequence[str] = ()) -> str:
    """Replace each marker by `expand(name, question_ids)`; a page whose role needs a marker and has
    none gets it at the end. `questions`: the page's bank, in order; `check` markers get the ids they
    name, the knowledge check the others (none left: a page without one gets none)."""
    markers = find_markers(text)
    placed = [question for m in markers if m.name == "check" for question in m.arguments]
    final = remaining_questions(questions, placed)
    default = DEFAULT_FOR_ROLE.get(role or "")
    if default and default not in {m.name for m in markers} and (default != "knowledge-check" or final or not placed):
        text = text.rstrip("\n") + f"\n\n<!-- course:{default} -->\n"
        markers = find_markers(text)
    parts: list[str] = []
    position = 0
    for marker in markers:
        ids = marker.arguments if marker.name == "check" else final if marker.name == "knowledge-check" else ()
        parts += [text[position:marker.start], expand(marker.name, ids)]
        position = marker.end
    return "".join(parts) + text[position:]


def _outside_code(pattern: re.Pattern[str], text: str, *, inline: bool = True) -> Iterator[re.Match[str]]:
    code = [m.span() for m in _FENCED.finditer(text)]
    if inline:
        blanked = _blank(text, code)
        code += [m.span() for m in _INLINE_CODE.finditer(blanked)]
    for match in pattern.finditer(text):
        if not any(start <= match.start() < end for start, end in code):
            yield match


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces (newlines kept), so positions stay the same."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
