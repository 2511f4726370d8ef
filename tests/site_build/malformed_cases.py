"""A corpus of malformed courses: copies of tests/mini_course, each with one mistake.

Each case lists its edits, where the one error must point (`file:line`, or `file`
alone where no line exists, or `file:@text`: the line of the edited file that holds
`text`, which must be unique there; `file:@=text`: the line that is exactly `text`) and words the message must contain. Shared by
the in-process corpus test and the CLI sample (test_validation_errors.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from support import copy_mini_course

Edit = Callable[[Path], None]


# --------------------------------------------------------------------------
# Edits of a course copy
# --------------------------------------------------------------------------


def sub(file: str, old: str, new: str) -> Edit:
    """Replace the first `old` in `file` (which must hold it)."""

    def apply(course: Path) -> None:
        path = course / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def put(file: str, text: str) -> Edit:
    def apply(course: Path) -> None:
        (course / file).parent.mkdir(parents=True, exist_ok=True)
        (course / file).write_text(text, encoding="utf-8")

    return apply


def put_bytes(file: str, data: bytes) -> Edit:
    def apply(course: Path) -> None:
        (course / file).parent.mkdir(parents=True, exist_ok=True)
        (course / file).write_bytes(data)

    return apply


def transform(file: str, change: Callable[[bytes], bytes]) -> Edit:
    def apply(course: Path) -> None:
        path = course / file
        path.write_bytes(change(path.read_bytes()))

    return apply


def remove(file: str) -> Edit:
    return lambda course: (course / file).unlink()


def link(file: str, target: str) -> Edit:
    """Make `file` a symbolic link to `target` (relative to the link's folder, or absolute)."""

    def apply(course: Path) -> None:
        path = course / file
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target, path)

    return apply


def mkdir(folder: str) -> Edit:
    return lambda course: (course / folder).mkdir(parents=True, exist_ok=True)


def drop_lines(file: str, first: str, stop: str) -> Edit:
    """Delete the lines from the one starting with `first` up to (not including) the one starting with `stop`."""

    def apply(course: Path) -> None:
        path = course / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.startswith(first))
        end = next(i for i, line in enumerate(lines) if i > start and line.startswith(stop))
        path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")

    return apply


def rename(old: str, new: str) -> Edit:
    return lambda course: (course / old).rename(course / new)


def cut_from(file: str, first: str) -> Edit:
    """Delete the line starting with `first` and every line after it."""

    def apply(course: Path) -> None:
        path = course / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.startswith(first))
        path.write_text("".join(lines[:start]), encoding="utf-8")

    return apply


def crlf(file: str) -> Edit:
    return transform(file, lambda data: data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def bom(file: str) -> Edit:
    return transform(file, lambda data: b"\xef\xbb\xbf" + data)


def setting(key: str, value: str | None) -> Edit:
    """Set `extra.course.<key>` in mkdocs.yml (replacing its line, or adding it under 'course:')."""

    def apply(course: Path) -> None:
        path = course / "mkdocs.yml"
        text = path.read_text(encoding="utf-8")
        line = f"    {key}: {value}" if value is not None else f"    {key}:"
        if re.search(rf"^    {re.escape(key)}:.*$", text, flags=re.M):
            text = re.sub(rf"^    {re.escape(key)}:.*$", lambda m: line, text, count=1, flags=re.M)
        else:
            text = text.replace("  course:\n", f"  course:\n{line}\n", 1)
        path.write_text(text, encoding="utf-8")

    return apply


def unset(key: str) -> Edit:
    return lambda course: sub("mkdocs.yml", re.search(rf"^    {key}:.*\n", (course / "mkdocs.yml").read_text(), re.M).group(0), "")(course)


ALIAS_BOMB = "".join(
    ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n']
    + [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 12)]
)
FINAL_FILL = """  - id: f-fill
    type: fill
    prompt: A bowline makes a fixed [[loop]].
    explanation: A fixed loop.
"""
BASE_COURSE = """\
extra:
  course:
    id: knots-101
    version: "0.3"
    provider: Harbour Sailing Club
    authors:
      - name: Ada Rope
        credentials: Master Rigger
    audience: New crew members
    level: intermediate
    ce_hours: 0.5
    words_per_ce_hour: 200
    pass_mark: 70
    banks_dir: banks
    signer:
      name: Ben Cleat
      title: Commodore
    rules: none
"""


def inherit(base: str) -> list[Edit]:
    """Move `extra:` out of mkdocs.yml into base.yml, which mkdocs.yml INHERITs."""

    def apply(course: Path) -> None:
        path = course / "mkdocs.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text("INHERIT: base.yml\n" + text[: text.index("extra:\n")], encoding="utf-8")
        (course / "base.yml").write_text(base, encoding="utf-8")

    return [apply]


@dataclass(frozen=True)
class Case:
    edits: tuple[Edit, ...]
    where: str  # "file:line", "file" (no line), "file:@text" (the line holding text) or "file:@=text" (the line that is text)
    words: tuple[str, ...]
    strict: bool = True


def case(edits: Edit | list[Edit], where: str, *words: str, strict: bool = True) -> Case:
    return Case(tuple(edits) if isinstance(edits, list) else (edits,), where, words, strict)


def make_course(destination: Path, entry: Case) -> Path:
    """A copy of the mini course with the case's edits applied; returns its folder."""
    destination.mkdir(parents=True, exist_ok=True)
    course = copy_mini_course(destination)
    for edit in entry.edits:
        edit(course)
    return course


def expected_location(course: Path, where: str) -> tuple[str, int | None]:
    """('file', line) the error must name; a '@text' line is looked up in the edited file."""
    file, _, line = where.partition(":")
    if not line:
        return file, None
    if line.startswith("@"):
        needle = line[1:]
        lines = (course / file).read_bytes().decode("utf-8-sig").splitlines()
        if needle.startswith("="):  # the whole line, not a part of it
            found = [number for number, text in enumerate(lines, start=1) if text.rstrip() == needle[1:]]
        else:
            found = [number for number, text in enumerate(lines, start=1) if needle in text]
        assert len(found) == 1, f"{needle!r} is on lines {found} of {file}: make the case's anchor unique"
        return file, found[0]
    return file, int(line)


def assert_located(error: str, file: str, line: int | None) -> None:
    """The error names `file` and `line` ('file:line: ...'), or `file` with no line at all."""
    if line is None:
        assert re.search(rf"(?<![\w/.-]){re.escape(file)}: ", error), error
        assert not re.search(rf"{re.escape(file)}:\d", error), error
    else:
        # Our own "file:line: message", or PyYAML's 'in "<path>/file", line N' that MkDocs prints.
        assert f" {file}:{line}: " in error or f'/{file}", line {line},' in error, error


REEF = "banks/reef.yml"
BOWLINE = "banks/bowline.yml"
FINAL = "banks/final.yml"
FORM = "banks/feedback.yml"
BOWLINE_PAGE = "docs/lessons/bowline.md"
REEF_PAGE = "docs/lessons/reef-knot.md"

CASES: dict[str, Case] = {
    # ---- YAML that does not parse, or that parses into something else -------------------
    "bank: unclosed double quote": case(sub(REEF, "    prompt: Which", '    prompt: "Which'), f"{REEF}:5", "quote", "never closed"),
    "bank: unclosed single quote": case(sub(REEF, "      - text: Left over left", "      - text: 'Left over left"), f"{REEF}:10", "quote", "never closed"),
    "bank: unclosed bracket": case(sub(REEF, "    type: single\n", "    type: [single\n"), f"{REEF}:4", "not valid YAML", "never closed"),
    "bank: tab indentation": case(sub(REEF, "    type: fill\n", "\ttype: fill\n"), f"{REEF}:14", "tab", "spaces"),
    "bank: colon inside a value": case(sub(REEF, "    prompt: Which crossing", "    prompt: Note: which crossing"), f"{REEF}:5", "put the whole value in quotes"),
    "bank: key without colon": case(sub(REEF, "    explanation: The granny slips.", "    explanation The granny slips."), f"{REEF}:16", "no ':'"),
    "bank: duplicate key": case(sub(REEF, "    type: fill\n", "    type: fill\n    type: single\n"), f"{REEF}:15", "duplicate key 'type' (first given on line 14)"),
    "bank: nested too deeply": case(sub(REEF, "title: Reef knot check", "title: " + "[" * 2000 + "]" * 2000), f"{REEF}:1", "nested more than 100 levels"),
    "bank: alias bomb": case(put(REEF, ALIAS_BOMB + "questions: *l11\n"), f"{REEF}:1", "anchors and aliases", "'&l0'"),
    "bank: a single alias": case(sub(REEF, "        feedback: Yes.", "        feedback: &yes Yes.\n        correct: *yes"), f"{REEF}:9", "anchors and aliases", "&yes"),
    "bank: control character": case(sub(REEF, "Alternating crossings", "Alternating\x07crossings"), f"{REEF}:12", "control character", "delete it"),
    "bank: not UTF-8": case(transform(REEF, lambda d: d.replace(b"Left over left makes", b"Left \xe9ver left makes")), f"{REEF}:15", "not UTF-8", "0xe9"),
    "bank: empty file": case(put(REEF, ""), REEF, "this file is empty", "questions"),
    "bank: only comments": case(put(REEF, "# to do\n"), REEF, "this file is empty"),
    "bank: a list at the top": case(put(REEF, "- id: crossing\n  type: single\n"), f"{REEF}:1", "must be a mapping", "questions"),
    "bank: a sentence at the top": case(put(REEF, "Reef knot questions\n"), f"{REEF}:1", "must be a mapping"),
    "bank: CRLF line endings and an error": case([sub(REEF, "    type: fill", "    type: fil"), crlf(REEF)], f"{REEF}:14", "must be one of single, multiple, fill"),
    "bank: BOM and an error": case([sub(REEF, "  - id: granny", "  - id: Granny"), bom(REEF)], f"{REEF}:13", "lowercase"),
    "front matter: alias bomb": case(sub(BOWLINE_PAGE, "---\ncourse:", "---\n" + ALIAS_BOMB + "course:"), f"{BOWLINE_PAGE}:2", "anchors and aliases"),
    "front matter: unclosed quote": case(sub(BOWLINE_PAGE, "  minutes: 12", '  minutes: "12'), f"{BOWLINE_PAGE}:4", "quote", "never closed"),
    "front matter: unclosed bracket": case(sub(BOWLINE_PAGE, "  minutes: 12\n", "  minutes: [12\n"), f"{BOWLINE_PAGE}:4", "not valid YAML"),
    "front matter: tab indentation": case(sub(BOWLINE_PAGE, "  minutes: 12", "\tminutes: 12"), f"{BOWLINE_PAGE}:4", "tab"),
    "page: not UTF-8": case(transform(REEF_PAGE, lambda d: d.replace(b"Practise on", b"Practis\xe9 on")), f"{REEF_PAGE}:12", "not UTF-8"),
    "mkdocs.yml: not valid YAML": case(sub("mkdocs.yml", "    level: intermediate\n", "    level: [intermediate\n"), "mkdocs.yml:@level: [intermediate", "error parsing the configuration file"),
    "mkdocs.yml: duplicate key": case(sub("mkdocs.yml", "    pass_mark: 70\n", "    pass_mark: 70\n    level: advanced\n"), "mkdocs.yml:@level: advanced", "duplicate key 'level'"),
    # ---- bank structure ----------------------------------------------------------------
    "bank: questions misspelled": case(sub(REEF, "questions:", "question:"), f"{REEF}:2", "unknown key 'question'", "allowed keys: draw, questions, title"),
    "bank: questions empty": case(put(REEF, "title: Reef\nquestions:\n"), f"{REEF}:2", "'questions' is empty"),
    "bank: no questions": case(put(REEF, "title: Reef\nquestions: []\n"), f"{REEF}:2", "the bank has no questions"),
    "bank: questions a mapping": case(put(REEF, "questions:\n  crossing: Which?\n"), f"{REEF}:1", "'questions' must be a list"),
    "bank: a question that is a sentence": case(put(REEF, "questions:\n  - Which crossing order makes a reef knot?\n"), f"{REEF}:2", "'questions.0' must be a mapping"),
    "bank: empty title": case(sub(REEF, "title: Reef knot check", "title:"), f"{REEF}:1", "'title' is empty"),
    "bank: title on two lines": case(sub(REEF, "title: Reef knot check", "title: |\n  Reef knot\n  check"), f"{REEF}:1", "one line"),
    "bank: title a number": case(sub(REEF, "title: Reef knot check", "title: 2024"), f"{REEF}:1", "put it in quotes"),
    "bank: file name with capitals": case([rename(REEF, "banks/Reef.yml"), sub(REEF_PAGE, "bank: reef", "bank: Reef")], "banks/Reef.yml", "lowercase letters"),
    "bank: .yaml extension": case(put("banks/spare.yaml", "questions: []\n"), "banks/spare.yaml", "'.yml' extension"),
    "bank: no page uses it": case(put("banks/spare.yml", "questions: []\n"), "banks/spare.yml", "no page uses the bank 'spare'"),
    "bank: dangling symbolic link": case(link(REEF, "gone.yml"), REEF, "link", "does not exist"),
    "bank: extra dangling link": case(link("banks/ghost.yml", "nowhere.yml"), "banks/ghost.yml", "does not exist"),
    "bank: link to a file outside the project": case([put("../outside.yml", "questions: []\n"), link(REEF, "../../outside.yml")], REEF, "outside the project"),
    "bank: a folder named like a bank": case(mkdir("banks/spare.yml"), "banks/spare.yml", "a folder, not a file"),
    # ---- questions -----------------------------------------------------------------------
    "question: unknown key": case(sub(REEF, "    type: fill\n", "    type: fill\n    hint: knots\n"), f"{REEF}:15", "unknown key 'hint'"),
    "question: missing id": case(sub(REEF, "  - id: granny\n    type: fill\n", "  - type: fill\n"), f"{REEF}:13", "missing the required key 'id'"),
    "question: empty id": case(sub(REEF, "  - id: crossing", "  - id:"), f"{REEF}:3", "'questions.0.id' is empty"),
    "question: id with capitals": case(sub(REEF, "  - id: crossing", "  - id: Crossing"), f"{REEF}:3", "lowercase letters"),
    "question: id a number": case(sub(REEF, "  - id: crossing", "  - id: 42"), f"{REEF}:3", "put it in quotes"),
    "question: very long id": case(sub(REEF, "  - id: crossing", "  - id: " + "Long" * 2000), f"{REEF}:3", "lowercase letters"),
    "question: duplicate id": case(sub(REEF, "  - id: granny", "  - id: crossing"), f"{REEF}:13", "duplicate question id 'crossing'"),
    "question: missing type": case(sub(REEF, "    type: single\n", ""), f"{REEF}:3", "missing the required key 'type'"),
    "question: empty type": case(sub(REEF, "    type: single", "    type:"), f"{REEF}:4", "'questions.0.type' is empty"),
    "question: unknown type": case(sub(REEF, "    type: single", "    type: truefalse"), f"{REEF}:4", "must be one of single, multiple, fill"),
    "question: type a list": case(sub(REEF, "    type: single", "    type: [single, fill]"), f"{REEF}:4", "must be text"),
    "question: missing prompt": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?\n", ""), f"{REEF}:3", "missing the required key 'prompt'"),
    "question: prompt key with no value": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", "    prompt:"), f"{REEF}:5", "'questions.0.prompt' is empty"),
    "question: empty prompt": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", '    prompt: ""'), f"{REEF}:5", "'questions.0.prompt' is empty"),
    "question: blank prompt": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", '    prompt: "   "'), f"{REEF}:5", "is empty"),
    "question: prompt a list": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", "    prompt: [Which, crossing]"), f"{REEF}:5", "must be text"),
    "question: prompt a mapping": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", "    prompt:\n      text: Which?"), f"{REEF}:5", "must be text"),
    "question: prompt a flag": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", "    prompt: yes"), f"{REEF}:5", "put it in quotes"),
    "question: missing explanation": case(sub(REEF, "    explanation: Alternating crossings make the knot flat.\n", ""), f"{REEF}:3", "missing the required key 'explanation'"),
    "question: empty explanation": case(sub(REEF, "    explanation: Alternating crossings make the knot flat.", "    explanation:"), f"{REEF}:12", "'questions.0.explanation' is empty"),
    "question: checkbox line in the prompt": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", '    prompt: "- [x] Which crossing?"'), f"{REEF}:5", "would be read as an answer"),
    "question: quiz tag in the prompt": case(sub(REEF, "    prompt: Which crossing", "    prompt: <quiz> Which crossing"), f"{REEF}:5", "'<quiz>' cannot appear"),
    "question: HTML comment in feedback": case(sub(REEF, "        feedback: Yes.", "        feedback: Yes <!-- note -->"), f"{REEF}:9", "'<!--' cannot appear"),
    "question: blank in a single prompt": case(sub(REEF, "    prompt: Which crossing order makes a reef knot?", "    prompt: Which crossing order makes a [[reef]] knot?"), f"{REEF}:5", "fill-in blank", "type: fill"),
    "question: blank in an option": case(sub(REEF, "      - text: Right over left, then left over right", "      - text: Right over [[left]]"), f"{REEF}:7", "fill-in blank"),
    "question: blank in feedback": case(sub(REEF, "        feedback: Yes.", "        feedback: Yes, [[right]]."), f"{REEF}:9", "fill-in blank"),
    "question: blank in an explanation": case(sub(REEF, "    explanation: Alternating crossings make the knot flat.", "    explanation: Alternating [[crossings]]."), f"{REEF}:12", "fill-in blank"),
    "question: blank in a multiple option": case(sub(BOWLINE, "      - text: Cut the tail short", "      - text: Cut the [[tail]] short"), f"{BOWLINE}:22", "fill-in blank"),
    "question: covers in a module bank": case(sub(REEF, "    type: single\n", "    type: single\n    covers: reef-knot\n"), f"{REEF}:5", "'covers'", "post-test"),
    # ---- options -------------------------------------------------------------------------
    "options: missing": case(drop_lines(REEF, "    options:", "    explanation: Alternating"), f"{REEF}:4", "needs 'options'"),
    "options: key with no value": case(drop_lines(REEF, "      - text: Right over", "    explanation: Alternating"), f"{REEF}:6", "'questions.0.options' is empty"),
    "options: empty list": case([drop_lines(REEF, "      - text: Right over", "    explanation: Alternating"), sub(REEF, "    options:", "    options: []")], f"{REEF}:6", "at least two options"),
    "options: a mapping": case([drop_lines(REEF, "      - text: Right over", "    explanation: Alternating"), sub(REEF, "    options:", "    options: {text: Left}")], f"{REEF}:6", "must be a list"),
    "options: only one": case(sub(REEF, "      - text: Left over left\n        feedback: That is a granny knot.\n", ""), f"{REEF}:6", "at least two options"),
    "options: none correct": case(sub(REEF, "        correct: true\n", ""), f"{REEF}:6", "no option is marked"),
    "options: single with two correct": case(sub(REEF, "        feedback: That is a granny knot.\n", "        feedback: That is a granny knot.\n        correct: true\n"), f"{REEF}:6", "exactly one correct"),
    "options: multiple with one correct": case(sub(BOWLINE, "      - text: Leave a long tail\n        correct: true\n", "      - text: Leave a long tail\n"), f"{BOWLINE}:15", "two or more correct"),
    "option: a sentence instead of a mapping": case(sub(REEF, "      - text: Left over left\n        feedback: That is a granny knot.", "      - Left over left"), f"{REEF}:10", "'questions.0.options.1' must be a mapping"),
    "option: missing text": case(sub(REEF, "      - text: Left over left\n        feedback:", "      - feedback:"), f"{REEF}:10", "missing the required key 'text'"),
    "option: text key with no value": case(sub(REEF, "      - text: Left over left", "      - text:"), f"{REEF}:10", "'questions.0.options.1.text' is empty"),
    "option: text on two lines": case(sub(REEF, "      - text: Left over left", "      - text: |\n          Left over\n          left"), f"{REEF}:10", "one line"),
    "option: text a number": case(sub(REEF, "      - text: Left over left", "      - text: 1.10"), f"{REEF}:10", "put it in quotes"),
    "option: text a flag": case(sub(REEF, "      - text: Left over left", "      - text: no"), f"{REEF}:10", "put it in quotes"),
    "option: duplicate text": case(sub(REEF, "      - text: Left over left", "      - text: Right over left, then left over right"), f"{REEF}:10", "must differ"),
    "option: unknown key": case(sub(REEF, "        feedback: Yes.\n", "        feedback: Yes.\n        hint: knots\n"), f"{REEF}:10", "unknown key 'hint'"),
    "option: correct as text": case(sub(REEF, "        correct: true", '        correct: "true"'), f"{REEF}:8", "must be true or false"),
    "option: correct as a number": case(sub(REEF, "        correct: true", "        correct: 1"), f"{REEF}:8", "must be true or false"),
    "option: correct with no value": case(sub(REEF, "        correct: true", "        correct:"), f"{REEF}:8", "is empty", "true or false"),
    "option: feedback with no value": case(sub(REEF, "        feedback: Yes.", "        feedback:"), f"{REEF}:9", "'questions.0.options.0.feedback' is empty"),
    "option: feedback a list": case(sub(REEF, "        feedback: Yes.", "        feedback: [Yes]"), f"{REEF}:9", "must be text"),
    # ---- fill questions ------------------------------------------------------------------
    "fill: no blank": case(sub(REEF, "a [[granny]] knot", "a granny knot"), f"{REEF}:15", "needs a blank"),
    "fill: empty blank": case(sub(REEF, "a [[granny]] knot", "a [[ ]] knot"), f"{REEF}:15", "empty blank"),
    "fill: blank with nothing inside": case(sub(REEF, "a [[granny]] knot", "a [[granny]] or [[]] knot"), f"{REEF}:15", "empty blank"),
    "fill: with options": case(sub(REEF, "    explanation: The granny slips.", "    explanation: The granny slips.\n    options:\n      - text: granny"), f"{REEF}:17", "has no options"),
    "fill: separator line in the prompt": case(sub(REEF, "    prompt: Left over left makes a [[granny]] knot.", "    prompt: |\n      Left over left makes a [[granny]] knot.\n      ---\n      Think."), f"{REEF}:15", "'---'"),
    "fill: in the post-test": case(transform(FINAL, lambda d: d + FINAL_FILL.encode()), f"{FINAL}:25", "post-test", "single and multiple"),
    # ---- post-test and covers --------------------------------------------------------------
    "covers: names no module": case(sub(FINAL, "    covers: bowline", "    covers: clove-hitch"), f"{FINAL}:15", "names no module"),
    "covers: empty": case(sub(FINAL, "    covers: bowline", "    covers:"), f"{FINAL}:15", "'questions.1.covers' is empty"),
    "post-test: its bank is missing": case(sub("docs/final.md", "  bank: final", "  bank: finals"), "docs/final.md:4", "there is no bank 'finals'"),
    "post-test: two pages": case(put("docs/final-2.md", "---\ncourse:\n  role: post-test\n  bank: final\n---\n\n# Again\n"), "docs/final-2.md:3", "only one page may have role 'post-test'", "docs/final.md"),
    "evaluation: two pages": case(put("docs/feedback-2.md", "---\ncourse:\n  role: evaluation\n  form: feedback\n---\n\n# Again\n"), "docs/feedback-2.md:3", "only one page may have role 'evaluation'"),
    "certificate: two pages": case([put("docs/cert.md", "---\ncourse:\n  role: certificate\n---\n\n# Certificate\n"),
                                    put("docs/cert-2.md", "---\ncourse:\n  role: certificate\n---\n\n# Again\n"),
                                    sub("mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - cert.md\n")],
                                   "docs/cert-2.md:3", "only one page may have role 'certificate'"),
    # ---- evaluation form -------------------------------------------------------------------
    "evaluation: form file missing": case(sub("docs/feedback.md", "  form: feedback", "  form: feedbak"), "docs/feedback.md:4", "no evaluation form 'feedbak'"),
    "evaluation: form is a module's bank": case(sub("docs/feedback.md", "  form: feedback", "  form: reef"), "docs/feedback.md:4", "already used by docs/lessons/reef-knot.md"),
    "evaluation: scale missing": case(sub(FORM, 'scale: ["No", Somewhat, "Yes"]\n', ""), f"{FORM}:1", "missing the required key 'scale'"),
    "evaluation: scale of one point": case(sub(FORM, 'scale: ["No", Somewhat, "Yes"]', 'scale: ["No"]'), f"{FORM}:2", "at least two points"),
    "evaluation: scale with a bare No": case(sub(FORM, 'scale: ["No", Somewhat, "Yes"]', "scale: [No, Somewhat, Yes]"), f"{FORM}:2", "flag", "put it in quotes"),
    "evaluation: scale repeats a point": case(sub(FORM, 'scale: ["No", Somewhat, "Yes"]', 'scale: ["No", Somewhat, "No"]'), f"{FORM}:2", "each point must differ"),
    "evaluation: items empty": case(sub(FORM, "items:\n  - id: tie-reef\n    statement: I can tie a reef knot.\n", "items: []\n"), f"{FORM}:3", "no items"),
    "evaluation: item without statement": case(sub(FORM, "    statement: I can tie a reef knot.\n", ""), f"{FORM}:4", "missing the required key 'statement'"),
    "evaluation: duplicate id": case(sub(FORM, "  - id: other", "  - id: tie-reef"), f"{FORM}:7", "duplicate id 'tie-reef'"),
    "evaluation: unknown key": case(sub(FORM, "title: Tell us", "title: Tell us\nintro: Hi"), f"{FORM}:2", "unknown key 'intro'"),
    "evaluation: comment without prompt": case(sub(FORM, "    prompt: Anything else?\n", ""), f"{FORM}:7", "missing the required key 'prompt'"),
    "evaluation: comment id with capitals": case(sub(FORM, "  - id: other", "  - id: Other"), f"{FORM}:7", "lowercase letters"),
    "evaluation: items a mapping": case(sub(FORM, "items:\n  - id: tie-reef\n    statement: I can tie a reef knot.\n", "items:\n  tie-reef: I can tie a reef knot.\n"), f"{FORM}:3", "'items' must be a list"),
    "evaluation: scale a sentence": case(sub(FORM, 'scale: ["No", Somewhat, "Yes"]', "scale: No to Yes"), f"{FORM}:2", "'scale' must be a list"),
    "evaluation: empty title": case(sub(FORM, "title: Tell us", "title:"), f"{FORM}:1", "'title' is empty"),
    "evaluation: statement a number": case(sub(FORM, "    statement: I can tie a reef knot.", "    statement: 42"), f"{FORM}:5", "put it in quotes"),
    "evaluation: empty file": case(put(FORM, ""), FORM, "this file is empty", "scale"),
    "evaluation: not UTF-8": case(transform(FORM, lambda d: d.replace(b"Anything else?", b"Anything \xff?")), f"{FORM}:8", "not UTF-8"),
    # ---- pages -----------------------------------------------------------------------------
    "page: bank that does not exist": case(sub(BOWLINE_PAGE, "  bank: bowline", "  bank: bowlines"), f"{BOWLINE_PAGE}:5", "there is no bank 'bowlines'"),
    "page: bank used by two pages": case(sub(BOWLINE_PAGE, "  bank: bowline", "  bank: reef"), f"{BOWLINE_PAGE}:5", "already used by docs/lessons/reef-knot.md"),
    "page: module bank names the evaluation form": case(sub(BOWLINE_PAGE, "  bank: bowline", "  bank: feedback"), f"{BOWLINE_PAGE}:5", "'feedback' is an evaluation form"),
    "evaluation: form names a bank no module uses": case([sub("docs/feedback.md", "  form: feedback", "  form: spare"), put("banks/spare.yml", "questions: []\n")], "docs/feedback.md:4", "'spare' is a question bank, not an evaluation form"),
    "page: module without objectives": case(sub(REEF_PAGE, "  objectives:\n    - Tie a reef knot.\n", ""), f"{REEF_PAGE}:2", "objectives"),
    "page: unknown key in the course block": case(sub(BOWLINE_PAGE, "  minutes: 12\n", "  minutes: 12\n  level: hard\n"), f"{BOWLINE_PAGE}:5", "unknown key 'level'"),
    "page: unknown role": case(sub(BOWLINE_PAGE, "  role: module", "  role: lesson"), f"{BOWLINE_PAGE}:3", "must be one of"),
    "page: empty role": case(sub(BOWLINE_PAGE, "  role: module", "  role:"), f"{BOWLINE_PAGE}:3", "is empty"),
    "page: minutes not a number": case(sub(BOWLINE_PAGE, "  minutes: 12", "  minutes: twelve"), f"{BOWLINE_PAGE}:4", "must be a number"),
    "page: minutes not finite": case(sub(BOWLINE_PAGE, "  minutes: 12", "  minutes: .nan"), f"{BOWLINE_PAGE}:4", "finite"),
    "page: objectives a sentence": case(sub(BOWLINE_PAGE, "  objectives:\n    - Tie a bowline.\n    - Check a bowline before loading it.", "  objectives: Tie a bowline."), f"{BOWLINE_PAGE}:6", "must be a list"),
    "page: empty objective": case(sub(BOWLINE_PAGE, "    - Tie a bowline.", "    -"), f"{BOWLINE_PAGE}:7", "is empty"),
    "page: course block a list": case(sub(BOWLINE_PAGE, "course:\n  role: module\n  minutes: 12\n  bank: bowline\n  objectives:\n    - Tie a bowline.\n    - Check a bowline before loading it.\n", "course: [module]\n"), f"{BOWLINE_PAGE}:2", "must be a mapping"),
    "page: post-test without its bank": case(sub("docs/final.md", "  bank: final\n", ""), "docs/final.md:2", "missing the required key 'bank'"),
    "page: evaluation with a bank instead of a form": case(sub("docs/feedback.md", "  form: feedback", "  bank: feedback"), "docs/feedback.md:4", "unknown key 'bank'"),
    "page: module with a form": case(sub(BOWLINE_PAGE, "  bank: bowline", "  bank: bowline\n  form: feedback"), f"{BOWLINE_PAGE}:6", "unknown key 'form'"),
    "page: empty bank": case(sub(BOWLINE_PAGE, "  bank: bowline", "  bank:"), f"{BOWLINE_PAGE}:5", "is empty"),
    "page: bank a list": case(sub(BOWLINE_PAGE, "  bank: bowline", "  bank: [bowline, reef]"), f"{BOWLINE_PAGE}:5", "must be text"),
    "page: empty course block": case(sub("docs/final.md", "course:\n  role: post-test\n  bank: final\n", "course:\n"), "docs/final.md:2", "'course' is empty"),
    "page: duplicate key in front matter": case(sub(BOWLINE_PAGE, "  minutes: 12\n", "  minutes: 12\n  minutes: 15\n"), f"{BOWLINE_PAGE}:5", "duplicate key 'minutes'"),
    "page: two modules with the same file name": case([put("docs/more/bowline.md", (Path(__file__).parent.parent / "mini_course" / "docs" / "lessons" / "bowline.md").read_text().replace("bank: bowline", "bank: spare")),
                                                      put("banks/spare.yml", (Path(__file__).parent.parent / "mini_course" / "banks" / "bowline.yml").read_text()),
                                                      sub("mkdocs.yml", "      - lessons/bowline.md\n", "      - lessons/bowline.md\n      - more/bowline.md\n")],
                                                     "docs/more/bowline.md:3", "same file name", "docs/lessons/bowline.md"),
    "page: course page not in nav": case(sub("mkdocs.yml", "  - Feedback: feedback.md\n", ""), "docs/feedback.md", "not listed under 'nav'"),
    "page: unknown marker": case(sub("docs/index.md", "<!-- course:modules -->", "<!-- course:module-list -->"), "docs/index.md:5", "unknown marker"),
    "page: check names a question not in the bank": case(sub(BOWLINE_PAGE, "<!-- course:knowledge-check -->", "<!-- course:check loop knot -->"), f"{BOWLINE_PAGE}:@course:check", "'knot' is not a question", "loop, checks, rabbit"),
    "page: a question placed twice": case(sub(BOWLINE_PAGE, "<!-- course:knowledge-check -->", "<!-- course:check loop -->\n\nMore.\n\n<!-- course:check checks loop -->"), f"{BOWLINE_PAGE}:@=<!-- course:check checks loop -->", "'loop' is placed twice", "first on line 15"),
    "page: check without question ids": case(sub(BOWLINE_PAGE, "<!-- course:knowledge-check -->", "<!-- course:check -->"), f"{BOWLINE_PAGE}:15", "names the questions it places"),
    "page: knowledge check with question ids": case(sub(BOWLINE_PAGE, "<!-- course:knowledge-check -->", "<!-- course:knowledge-check loop -->"), f"{BOWLINE_PAGE}:15", "takes nothing after its name", "course:check"),
    "page: final check left without questions": case(sub(BOWLINE_PAGE, "<!-- course:knowledge-check -->", "<!-- course:check rabbit loop checks -->\n\n<!-- course:knowledge-check -->"), f"{BOWLINE_PAGE}:@=<!-- course:knowledge-check -->", "final knowledge check would be empty"),
    "page: check on the course home": case(sub("docs/index.md", "<!-- course:modules -->", "<!-- course:modules -->\n\n<!-- course:check loop -->"), "docs/index.md:@course:check", "belongs on a page with 'course: {role: module}'"),
    "page: raw quiz": case(sub(REEF_PAGE, "# The reef knot\n", "# The reef knot\n\n<quiz>\nQ?\n- [x] a\n- [ ] b\n</quiz>\n"), f"{REEF_PAGE}:12", "<quiz>"),
    "page: front matter never closed": case(sub(BOWLINE_PAGE, "    - Check a bowline before loading it.\n---\n", "    - Check a bowline before loading it.\n\n"), f"{BOWLINE_PAGE}:1", "never closed"),
    # ---- nav -------------------------------------------------------------------------------
    "nav: the same page twice": case(sub("mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Bowline again: lessons/bowline.md\n"), "mkdocs.yml:@Bowline again", "twice", "first on line 9"),
    "nav: a page that does not exist": case(sub("mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Clove hitch: lessons/clove.md\n"), "mkdocs.yml:@Clove hitch", "'lessons/clove.md'", "not a page"),
    "nav: a file that is not a page": case(sub("mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Questions: ../banks/reef.yml\n"), "mkdocs.yml:@Questions:", "not a page"),
    # ---- settings: required keys, types and values ------------------------------------------
    "settings: missing id": case(unset("id"), "mkdocs.yml:@  course:", "missing the required key 'id'"),
    "settings: empty id": case(setting("id", None), "mkdocs.yml:@    id:", "'extra.course.id' is empty"),
    "settings: id with spaces": case(setting("id", "knots 101"), "mkdocs.yml:@    id:", "only letters, digits"),
    "settings: id a number": case(setting("id", "101"), "mkdocs.yml:@    id:", "put it in quotes"),
    "settings: version 1.10 unquoted": case(setting("version", "1.10"), "mkdocs.yml:@version:", "put it in quotes", "1.1"),
    "settings: version a whole number": case(setting("version", "2"), "mkdocs.yml:@version:", "put it in quotes"),
    "settings: missing version": case(unset("version"), "mkdocs.yml:@  course:", "missing the required key 'version'"),
    "settings: empty version": case(setting("version", '""'), "mkdocs.yml:@version:", "is empty"),
    "settings: missing provider": case(unset("provider"), "mkdocs.yml:@  course:", "missing the required key 'provider'"),
    "settings: provider a flag": case(setting("provider", "yes"), "mkdocs.yml:@provider:", "put it in quotes"),
    "settings: title a number": case(setting("title", "2024"), "mkdocs.yml:@title: 2024", "put it in quotes"),
    "settings: empty title": case(setting("title", None), "mkdocs.yml:@=    title:", "is empty"),
    "settings: missing authors": case(drop_lines("mkdocs.yml", "    authors:", "    audience:"), "mkdocs.yml:@  course:", "missing the required key 'authors'"),
    "settings: no authors": case(drop_lines("mkdocs.yml", "      - name: Ada Rope", "    audience:"), "mkdocs.yml:@authors:", "'extra.course.authors' is empty"),
    "settings: empty author list": case([drop_lines("mkdocs.yml", "      - name: Ada Rope", "    audience:"), setting("authors", "[]")], "mkdocs.yml:@authors:", "at least one author"),
    "settings: authors a sentence": case([drop_lines("mkdocs.yml", "      - name: Ada Rope", "    audience:"), setting("authors", "Ada Rope")], "mkdocs.yml:@authors:", "must be a list"),
    "settings: author without credentials": case(sub("mkdocs.yml", "        credentials: Master Rigger\n", ""), "mkdocs.yml:@Ada Rope", "missing the required key 'credentials'"),
    "settings: author unknown key": case(sub("mkdocs.yml", "        credentials: Master Rigger\n", "        credentials: Master Rigger\n        email: ada@example.org\n"), "mkdocs.yml:@email:", "unknown key 'email'", "credentials, disclosure, name"),
    "settings: author a sentence": case(sub("mkdocs.yml", "      - name: Ada Rope\n        credentials: Master Rigger\n", "      - Ada Rope, Master Rigger\n"), "mkdocs.yml:@Ada Rope", "'extra.course.authors.0' must be a mapping"),
    "settings: author empty name": case(sub("mkdocs.yml", "      - name: Ada Rope", "      - name:"), "mkdocs.yml:@- name:", "'extra.course.authors.0.name' is empty"),
    "settings: missing audience": case(unset("audience"), "mkdocs.yml:@  course:", "missing the required key 'audience'"),
    "settings: unknown level": case(setting("level", "expert"), "mkdocs.yml:@level:", "introductory, intermediate, advanced"),
    "settings: empty level": case(setting("level", None), "mkdocs.yml:@level:", "is empty"),
    "settings: level a number": case(setting("level", "2"), "mkdocs.yml:@level:", "put it in quotes"),
    "settings: ce_hours NaN": case(setting("ce_hours", ".nan"), "mkdocs.yml:@ce_hours:", "finite"),
    "settings: ce_hours infinite": case(setting("ce_hours", ".inf"), "mkdocs.yml:@ce_hours:", "finite"),
    "settings: ce_hours negative": case(setting("ce_hours", "-1"), "mkdocs.yml:@ce_hours:", "positive number"),
    "settings: ce_hours zero": case(setting("ce_hours", "0"), "mkdocs.yml:@ce_hours:", "positive number"),
    "settings: ce_hours a word": case(setting("ce_hours", "one"), "mkdocs.yml:@ce_hours:", "'extra.course.ce_hours' must be a number"),
    "settings: ce_hours a flag": case(setting("ce_hours", "true"), "mkdocs.yml:@ce_hours:", "must be a number"),
    "settings: ce_hours with no value": case(setting("ce_hours", None), "mkdocs.yml:@ce_hours:", "'extra.course.ce_hours' is empty"),
    "settings: reading load below ce_hours": case(setting("ce_hours", "3"), "mkdocs.yml:@ce_hours:", "need at least 600"),
    "settings: pass_mark above 100": case(setting("pass_mark", "120"), "mkdocs.yml:@pass_mark:", "whole percentage from 1 to 100"),
    "settings: pass_mark zero": case(setting("pass_mark", "0"), "mkdocs.yml:@pass_mark:", "from 1 to 100"),
    "settings: pass_mark a fraction": case(setting("pass_mark", "70.5"), "mkdocs.yml:@pass_mark:", "whole percentage"),
    "settings: pass_mark as text": case(setting("pass_mark", '"70"'), "mkdocs.yml:@pass_mark:", "must be a number"),
    "settings: pass_mark NaN": case(setting("pass_mark", ".nan"), "mkdocs.yml:@pass_mark:", "finite"),
    "settings: words_per_ce_hour zero": case(setting("words_per_ce_hour", "0"), "mkdocs.yml:@words_per_ce_hour:", "positive whole number"),
    "settings: words_per_ce_hour a fraction": case(setting("words_per_ce_hour", "200.5"), "mkdocs.yml:@words_per_ce_hour:", "positive whole number"),
    "settings: words_per_ce_hour infinite": case(setting("words_per_ce_hour", ".inf"), "mkdocs.yml:@words_per_ce_hour:", "finite"),
    "settings: accreditation empty": case(setting("accreditation", '""'), "mkdocs.yml:@accreditation:", "is empty"),
    "settings: accreditation a list": case(setting("accreditation", "[APA, ASWB]"), "mkdocs.yml:@accreditation:", "must be text"),
    "settings: missing signer": case(drop_lines("mkdocs.yml", "    signer:", "    requirements:"), "mkdocs.yml:@  course:", "missing the required key 'signer'"),
    "settings: signer a name only": case(drop_lines("mkdocs.yml", "      name: Ben Cleat", "    requirements:"), "mkdocs.yml:@signer:", "'extra.course.signer' is empty"),
    "settings: signer a sentence": case([drop_lines("mkdocs.yml", "      name: Ben Cleat", "    requirements:"), setting("signer", "Ben Cleat")], "mkdocs.yml:@signer:", "must be a mapping"),
    "settings: signer without title": case(sub("mkdocs.yml", "      title: Commodore\n", ""), "mkdocs.yml:@signer:", "missing the required key 'title'"),
    "settings: signer unknown key": case(sub("mkdocs.yml", "      title: Commodore\n", "      title: Commodore\n      stamp: ben.png\n"), "mkdocs.yml:@stamp:", "unknown key 'stamp'"),
    "settings: signature missing": case(sub("mkdocs.yml", "      title: Commodore\n", "      title: Commodore\n      signature: ben.png\n"), "mkdocs.yml:@signature:", "there is no file docs/ben.png"),
    "settings: signature not an image": case([sub("mkdocs.yml", "      title: Commodore\n", "      title: Commodore\n      signature: ben.png\n"), put("docs/ben.png", "<svg/>")], "mkdocs.yml:@signature:", "is not a PNG or JPEG image"),
    "settings: unknown key": case(sub("mkdocs.yml", "    level: intermediate\n", "    level: intermediate\n    colour: blue\n"), "mkdocs.yml:@colour:", "unknown key 'colour'"),
    "settings: misspelled key": case(sub("mkdocs.yml", "    pass_mark: 70", "    pass-mark: 70"), "mkdocs.yml:@pass-mark:", "unknown key 'pass-mark'"),
    "settings: no course block": case(sub("mkdocs.yml", "  course:\n", "  cours:\n"), "mkdocs.yml:@extra:", "add an 'extra: course:' block"),
    "settings: no extra block": case(cut_from("mkdocs.yml", "extra:"), "mkdocs.yml", "add an 'extra: course:' block"),
    "settings: course a list": case(sub("mkdocs.yml", "  course:\n", "  course: [knots]\n  old:\n"), "mkdocs.yml:@course: [knots]", "'extra.course' must be a mapping"),
    "settings: non-ASCII key": case(sub("mkdocs.yml", "    level: intermediate\n", "    level: intermediate\n    niveau_é: haut\n"), "mkdocs.yml:@niveau_", "unknown key 'niveau_é'"),
    # ---- requirements ------------------------------------------------------------------------
    "requirements: all false": case(sub("mkdocs.yml", "      evaluation: true", "      modules: false\n      post_test: false\n      evaluation: false"), "mkdocs.yml:@requirements:", "at least one of modules, post_test, evaluation must be true"),
    "requirements: unknown key": case(sub("mkdocs.yml", "      evaluation: true", "      evaluation: true\n      quiz: true"), "mkdocs.yml:@quiz: true", "unknown key 'quiz'"),
    "requirements: not a flag": case(sub("mkdocs.yml", "      evaluation: true", '      evaluation: "yes"'), "mkdocs.yml:@evaluation:", "must be true or false"),
    "requirements: a list": case(sub("mkdocs.yml", "    requirements:\n      evaluation: true", "    requirements: [modules]"), "mkdocs.yml:@requirements:", "must be a mapping"),
    "requirements: evaluation without its page": case([sub("docs/feedback.md", "  role: evaluation\n  form: feedback\n", "  role: certificate\n"), remove(FORM)], "mkdocs.yml:@evaluation: true", "asks for an evaluation", "requirements.evaluation: false"),
    "requirements: post-test without its page": case([put("docs/final.md", "# Final quiz\n"), remove(FINAL)], "mkdocs.yml:@requirements:", "asks for a post-test"),
    # ---- paths an organizer names ---------------------------------------------------------
    "banks_dir: inside docs": case(setting("banks_dir", "docs/banks"), "mkdocs.yml:@banks_dir:", "inside the docs folder", "answer keys"),
    "banks_dir: inside docs, with the banks moved there": case([setting("banks_dir", "docs/quizzes"), mkdir("docs/quizzes"), rename(REEF, "docs/quizzes/reef.yml")], "mkdocs.yml:@banks_dir:", "inside the docs folder"),
    "bank: a copy left in the docs folder": case(put("docs/old/reef.yml", "title: Old\nquestions: []\n"), "docs/old/reef.yml:2", "docs folder", "answers"),
    "banks_dir: the docs folder": case(setting("banks_dir", "docs"), "mkdocs.yml:@banks_dir:", "inside the docs folder"),
    "banks_dir: outside the project": case(setting("banks_dir", "../elsewhere"), "mkdocs.yml:@banks_dir:", "outside the project folder"),
    "banks_dir: absolute path": case(setting("banks_dir", "/tmp"), "mkdocs.yml:@banks_dir:", "outside the project folder"),
    "banks_dir: does not exist": case(setting("banks_dir", "bankz"), "mkdocs.yml:@banks_dir:", "'bankz' does not exist"),
    "banks_dir: a file": case(setting("banks_dir", "mkdocs.yml"), "mkdocs.yml:@banks_dir:", "a file, not a folder"),
    "banks_dir: the project folder": case(setting("banks_dir", "."), "mkdocs.yml:@banks_dir:", "project folder itself"),
    "banks_dir: a number": case(setting("banks_dir", "2024"), "mkdocs.yml:@banks_dir:", "put it in quotes"),
    "banks_dir: unset and no quizzes folder": case(unset("banks_dir"), f"{REEF_PAGE}:5", "there is no bank 'reef'", "quizzes/ does not exist"),
    "banks_dir: a link out of the project": case([mkdir("../shared-banks"), setting("banks_dir", "linked"), link("linked", "../shared-banks")], "mkdocs.yml:@banks_dir:", "outside the project folder"),
    # ---- the quiz plugin ------------------------------------------------------------------
    "quiz plugin: embed_source on": case(sub("mkdocs.yml", "      embed_source: false", "      embed_source: true"), "mkdocs.yml:@embed_source:", "embed_source: false"),
    "quiz plugin: missing": case(drop_lines("mkdocs.yml", "  - mkdocs_quiz:", "hooks:"), "mkdocs.yml:@plugins:", "needs the 'mkdocs_quiz' plugin"),
    "quiz plugin: enabled_by_default unset": case(sub("mkdocs.yml", "      enabled_by_default: false\n", ""), "mkdocs.yml:@mkdocs_quiz:", "enabled_by_default: false"),
    # ---- INHERIT ---------------------------------------------------------------------------
    "inherit: an error in the parent": case(inherit(BASE_COURSE.replace("ce_hours: 0.5", "ce_hours: .nan")), "base.yml:11", "finite"),
    "inherit: an error in the child": case(inherit(BASE_COURSE) + [transform("mkdocs.yml", lambda d: d + b"extra:\n  course:\n    pass_mark: 120\n")], "mkdocs.yml:@pass_mark:", "from 1 to 100"),
    "inherit: a key missing everywhere": case(inherit(BASE_COURSE.replace("    audience: New crew members\n", "")), "base.yml:2", "missing the required key 'audience'"),
    # ---- without --strict the same checks hold -----------------------------------------------
    "not strict: malformed bank": case(sub(REEF, "    type: single\n", "    type: [single\n"), f"{REEF}:4", "not valid YAML", strict=False),
    "not strict: pass_mark above 100": case(setting("pass_mark", "120"), "mkdocs.yml:@pass_mark:", "from 1 to 100", strict=False),
    "not strict: fill in the post-test": case(transform(FINAL, lambda d: d + FINAL_FILL.encode()), f"{FINAL}:25", "post-test", strict=False),
    "not strict: duplicate nav entry": case(sub("mkdocs.yml", "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Bowline again: lessons/bowline.md\n"), "mkdocs.yml:@Bowline again", "twice", strict=False),
}


# --------------------------------------------------------------------------
# Valid variants: each must build, and the built HTML is checked by the test
# --------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"
VALID: dict[str, tuple[Edit, ...]] = {
    "unchanged": (),
    "CRLF line endings everywhere": tuple(crlf(f) for f in ("mkdocs.yml", REEF, BOWLINE, FINAL, FORM, REEF_PAGE, BOWLINE_PAGE, "docs/index.md")),
    "a BOM in every file": tuple(bom(f) for f in ("mkdocs.yml", REEF, BOWLINE, FINAL, FORM, REEF_PAGE, "docs/index.md")),
    "non-ASCII text": (
        sub(REEF, "title: Reef knot check", "title: Nœud plat — contrôle ✓"),
        sub(REEF, "        feedback: Yes.", "        feedback: Ja, genau. 正确"),
        sub(REEF, "a [[granny]] knot", "a [[grand-mère]] knot"),
        sub("mkdocs.yml", "Harbour Sailing Club", "Club nautique d'Écosse"),
    ),
    "an explanation that starts with a blockquote": (
        sub(REEF, "    explanation: Alternating crossings make the knot flat.", '    explanation: |\n      > "Right over left, left over right."\n\n      Alternating crossings make the knot flat.'),
    ),
    "very long text": (
        sub(REEF, "    prompt: Which crossing order makes a reef knot?", "    prompt: " + "Which crossing order makes a reef knot? " * 2500),
    ),
    "HTML in bank text is shown as text": (
        sub(REEF, "    prompt: Which crossing order makes a reef knot?", f"    prompt: Which crossing order {HOSTILE} makes a `<b>code</b>` knot?"),
        sub(REEF, "      - text: Left over left", '      - text: Left <img src=x onerror="alert(2)"> over left'),
        sub(REEF, "        feedback: Yes.", f"        feedback: Yes {HOSTILE}"),
        sub(REEF, "    explanation: Alternating crossings make the knot flat.", f"    explanation: Flat {HOSTILE} &lt;kept&gt;"),
        sub(FINAL, "      - text: a hitch", "      - text: Wrong</label></div></fieldset></form>"),
        sub(FINAL, "    prompt: A bowline is", f"    prompt: A bowline {HOSTILE} is"),
    ),
    "settings in an INHERITed file": tuple(inherit(BASE_COURSE + "    requirements:\n      evaluation: true\n")),
    "questions placed beside their sections": (
        sub(BOWLINE_PAGE, "<!-- course:knowledge-check -->", "<!-- course:check rabbit -->\n\nMore about the bowline.\n\n<!-- course:check checks, loop -->"),
    ),
}
