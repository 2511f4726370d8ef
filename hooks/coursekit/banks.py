"""Question banks (`quizzes/<bank>.yml`) and evaluation forms: parsing and validation."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CourseError
from .markdown_text import blank_spans, escape_raw_html
from .project import decode_utf8
from .yaml_source import Value, load_yaml, shorten

QUESTION_TYPES = ("single", "multiple", "fill")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EMPTY_BLANK = re.compile(r"\[\[\s*\]\]")
# Lines mkdocs-quiz would read as an answer ("- [x] ...") or that would end a quiz early.
_CHECKBOX_LINE = re.compile(r"^\s*[-*] \[.?\]")
_FORBIDDEN_TEXT = ("<quiz>", "</quiz>", "<!--")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    covers: str | None
    line: int | None
    # The line of each key of the question, for checks made after loading (post-test, covers).
    key_lines: dict[str, int | None] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """Hash of what grading depends on; wording fixes to feedback keep old answers."""
        graded = {
            "type": self.type,
            "prompt": self.prompt,
            "options": [[o.text, o.correct] for o in self.options],
        }
        digest = hashlib.sha256(json.dumps(graded, sort_keys=True).encode("utf-8"))
        return digest.hexdigest()[:10]

    @property
    def blanks(self) -> int:
        """How many `[[answer]]` blanks the learner fills in (0 for a choice question)."""
        return len(blank_spans(self.prompt)) if self.type == "fill" else 0

    @property
    def is_true_false(self) -> bool:
        return self.type == "single" and sorted(o.text.lower() for o in self.options) == ["false", "true"]


@dataclass(frozen=True)
class Bank:
    id: str
    file: str
    title: str
    questions: tuple[Question, ...]
    # Post-test only: how many questions each attempt draws from the pool (None: all of them).
    draw: int | None = None
    draw_line: int | None = field(default=None, compare=False, hash=False, repr=False)

    def quiz_id(self, question: Question) -> str:
        """The page element id, and so the learner's storage key, of one question."""
        return f"{self.id}--{question.id}--{question.fingerprint}"

    @property
    def quiz_ids(self) -> tuple[str, ...]:
        return tuple(self.quiz_id(q) for q in self.questions)


@dataclass(frozen=True)
class LikertItem:
    id: str
    statement: str


@dataclass(frozen=True)
class CommentPrompt:
    id: str
    prompt: str


@dataclass(frozen=True)
class EvaluationForm:
    id: str
    file: str
    title: str
    scale: tuple[str, ...]
    items: tuple[LikertItem, ...]
    comments: tuple[CommentPrompt, ...]


def bank_id_of(path: Path) -> str:
    return path.stem


def load_bank(path: Path, display: str, text: str | None = None, *, fences: bool = True) -> Bank:
    """Parse and validate one question bank; `display` is the path shown in errors.

    Bank text is Markdown without raw HTML: see markdown_text.escape_raw_html
    (`fences`: whether the site's Markdown has fenced code blocks).
    """
    root = _root(path, display, text, "a bank needs 'questions:' (see README, 'Write a question bank')")
    keys = root.mapping(required={"questions"}, optional={"title", "draw"})
    questions: list[Question] = []
    seen: dict[str, int | None] = {}
    for item in keys["questions"].items():
        question = _question(item, fences)
        if question.id in seen:
            raise item.error(f"duplicate question id '{question.id}' (first used on line {seen[question.id]}); ids must be unique in a bank")
        seen[question.id] = question.line
        questions.append(question)
    if not questions:
        raise keys["questions"].error("the bank has no questions")
    bank_id = bank_id_of(path)
    if not ID_PATTERN.match(bank_id):
        raise CourseError(display, None, "bank file names use lowercase letters, digits and '-' only (the name is the bank id)")
    title = _one_line(keys["title"]) if "title" in keys else "Knowledge check"
    draw = _draw(keys["draw"], len(questions)) if "draw" in keys else None
    return Bank(id=bank_id, file=display, title=escape_raw_html(title, fences=False), questions=tuple(questions),
                draw=draw, draw_line=keys["draw"].line if "draw" in keys else None)


# --------------------------------------------------------------------------
# Drawing a post-test from a pool (`draw: 12`)
# --------------------------------------------------------------------------
#
# Each attempt shows `draw` questions, balanced over the groups the pool's
# questions fall into by `covers` (questions without `covers` form one group of
# their own). With M groups, every group gives floor(draw / M) questions and
# draw mod M groups, chosen at random, give one more; so every group needs at
# least ceil(draw / M) questions. The browser draws (hooks/assets/draw.js); the
# build checks here that every possible draw can be filled.


def _draw(value: Value, questions: int) -> int:
    raw = value.raw
    if raw is None:
        raise value.error("'draw' is empty: write how many questions each attempt shows, for example draw: 12")
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        shown = str(raw).lower() if isinstance(raw, bool) else repr(raw) if isinstance(raw, str) else str(raw)
        raise value.error(f"'draw' is how many questions each attempt shows: a whole number of at least 1, not {shorten(shown)}")
    if raw > questions:
        raise value.error(f"'draw: {raw}' asks for more questions than the bank has ({questions}); lower it or add questions")
    return raw


def draw_groups(bank: Bank) -> dict[str | None, list[Question]]:
    """The pool's questions by the module they cover, in bank order (None: questions without `covers`)."""
    groups: dict[str | None, list[Question]] = {}
    for question in bank.questions:
        groups.setdefault(question.covers, []).append(question)
    return groups


def check_draw(bank: Bank, *, post_test: str | None) -> None:
    """A bank's `draw`: only on the post-test's bank (`post_test` is its page, None for other banks),
    and a pool that can fill every balanced draw."""
    if bank.draw is None:
        return
    if post_test is None:
        raise CourseError(bank.file, bank.draw_line,
                          "'draw' picks questions for each post-test attempt; this bank is not the post-test's: delete it")
    groups = draw_groups(bank)
    needed = math.ceil(bank.draw / len(groups))
    short = [(name, len(items)) for name, items in groups.items() if len(items) < needed]
    if short:
        named = ", ".join(f"{'questions without covers' if name is None else repr(name)} has {count}" for name, count in short)
        raise CourseError(
            bank.file, bank.draw_line,
            f"'draw: {bank.draw}' over {len(groups)} modules takes up to {needed} questions from each "
            f"(the draw is balanced by 'covers'), but {named}: add questions there or lower 'draw'",
        )


def load_evaluation(path: Path, display: str, text: str | None = None) -> EvaluationForm:
    root = _root(path, display, text, "an evaluation form needs 'scale:' and 'items:' (see README)")
    keys = root.mapping(required={"scale", "items"}, optional={"title", "comments"})
    scale_values = list(keys["scale"].items())
    scale = tuple(_one_line(v) for v in scale_values)
    if len(scale) < 2:
        raise keys["scale"].error("'scale' needs at least two points (for example Disagree ... Agree)")
    for index, label in enumerate(scale):
        if label in scale[:index]:
            raise scale_values[index].error(f"two points of the scale read '{shorten(label)}'; each point must differ")
    item_values = list(keys["items"].items())
    comment_values = list(keys["comments"].items()) if "comments" in keys else []
    if not item_values:
        raise keys["items"].error("the evaluation has no items")
    items = tuple(LikertItem(*_identified(v, "statement")) for v in item_values)
    comments = tuple(CommentPrompt(*_identified(v, "prompt")) for v in comment_values)
    _unique_ids([(e.id, v) for e, v in zip(items + comments, item_values + comment_values)])
    title = _one_line(keys["title"]) if "title" in keys else "Course evaluation"
    return EvaluationForm(bank_id_of(path), display, title, scale, items, comments)


def _root(path: Path, display: str, text: str | None, needs: str) -> Value:
    """The top of a bank or form file; `text` when the caller has read it already (see project.Project)."""
    if text is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CourseError(display, None, f"this file cannot be read ({error.strerror or error})") from None
        text = decode_utf8(data, display)
    root = load_yaml(text, display).root()
    if root.raw is None:
        raise CourseError(display, None, f"this file is empty: {needs}")
    return root


# --------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------


def _question(item: Value, fences: bool) -> Question:
    keys = item.mapping(required={"id", "type", "prompt", "explanation"}, optional={"options", "covers"})
    question_id = _id(keys["id"])
    kind = keys["type"].text()
    if kind not in QUESTION_TYPES:
        raise keys["type"].error(f"question type must be one of {', '.join(QUESTION_TYPES)}, not '{shorten(kind)}'")
    prompt = _markdown(keys["prompt"])
    if kind != "fill":
        _check_no_blank(keys["prompt"], prompt, f"the prompt of a {kind} question")
    explanation = _markdown(keys["explanation"])
    _check_no_blank(keys["explanation"], explanation, "an explanation")
    if kind == "fill":
        _check_fill(keys, prompt)
        options: tuple[Option, ...] = ()
    else:
        options = _options(keys, kind, fences)
    covers = keys["covers"].text() if "covers" in keys else None
    return Question(
        question_id, kind, escape_raw_html(prompt, blanks=kind == "fill", fences=fences), options,
        escape_raw_html(explanation, fences=fences), covers, item.line, {key: value.line for key, value in keys.items()},
    )


def _check_fill(keys: dict[str, Value], prompt: str) -> None:
    if "options" in keys:
        raise keys["options"].error("a fill question has no options: write the answer in the prompt as [[answer]]")
    if _EMPTY_BLANK.search(prompt):
        raise keys["prompt"].error("the prompt has an empty blank '[[ ]]': write the answer between the brackets, [[answer]]")
    if not blank_spans(prompt):
        raise keys["prompt"].error("a fill question needs a blank in its prompt, written [[answer]]")
    if any(line.strip() == "---" for line in prompt.splitlines()):
        raise keys["prompt"].error("a fill prompt cannot contain a '---' line (it separates the explanation)")


def _check_no_blank(value: Value, text: str, where: str) -> None:
    """`[[...]]` anywhere in a choice question makes mkdocs-quiz render it as a broken fill-in."""
    found = blank_spans(text)
    empty = _EMPTY_BLANK.search(text)
    blank = text[slice(*found[0])] if found else empty.group(0) if empty else None
    if blank:
        raise value.error(
            f"'{shorten(blank)}' is a fill-in blank, which {where} cannot hold: blanks belong in the prompt "
            "of a fill question (type: fill); write this text without double brackets"
        )


def _options(keys: dict[str, Value], kind: str, fences: bool) -> tuple[Option, ...]:
    if "options" not in keys:
        raise keys["type"].error(f"a {kind} question needs 'options'")
    options: list[Option] = []
    for value in keys["options"].items():
        fields = value.mapping(required={"text"}, optional={"correct", "feedback"})
        text = _markdown(fields["text"])
        if "\n" in text:
            raise fields["text"].error("an option is one line of text")
        _check_no_blank(fields["text"], text, "an option")
        if any(o.text == escape_raw_html(text) for o in options):
            raise fields["text"].error(f"two options read '{shorten(text)}'; options of a question must differ")
        correct = fields["correct"].flag() if "correct" in fields else False
        feedback = _markdown(fields["feedback"]) if "feedback" in fields else ""
        if feedback:
            _check_no_blank(fields["feedback"], feedback, "feedback")
        options.append(Option(escape_raw_html(text), correct, escape_raw_html(feedback, fences=fences)))
    if len(options) < 2:
        raise keys["options"].error("a question needs at least two options")
    n_correct = sum(o.correct for o in options)
    if n_correct == 0:
        raise keys["options"].error("no option is marked 'correct: true'; mark the right answer")
    if kind == "single" and n_correct > 1:
        raise keys["options"].error(f"a single-choice question has exactly one correct option, this one has {n_correct}; use type: multiple")
    if kind == "multiple" and n_correct < 2:
        raise keys["options"].error("a multiple-choice question needs two or more correct options; with one, use type: single")
    return tuple(options)


def _markdown(value: Value) -> str:
    text = value.text()
    for bad in _FORBIDDEN_TEXT:
        if bad in text:
            raise value.error(f"'{bad}' cannot appear in question text (it would break the quiz markup)")
    if any(_CHECKBOX_LINE.match(line) for line in text.splitlines()):
        raise value.error("a line starting with '- [' would be read as an answer; rephrase it")
    return text


def _one_line(value: Value) -> str:
    text = value.text()
    if "\n" in text:
        raise value.error(f"'{value.dotted}' is one line of text")
    return text


def _id(value: Value) -> str:
    text = value.text()
    if not ID_PATTERN.match(text):
        raise value.error(f"id '{shorten(text)}' must use lowercase letters, digits and '-' (for example 'kindness-vs-judgment')")
    return text


def _identified(value: Value, text_key: str) -> tuple[str, str]:
    keys = value.mapping(required={"id", text_key})
    return _id(keys["id"]), keys[text_key].text()


def _unique_ids(pairs: list[tuple[str, Value]]) -> None:
    seen: set[str] = set()
    for ident, value in pairs:
        if ident in seen:
            raise value.error(f"duplicate id '{ident}'; ids must be unique in the form")
        seen.add(ident)
