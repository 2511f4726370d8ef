"""CE rules: what a continuing-education course must meet, declared once and checked during the build.

Each rule has a name (its key under `extra.course.rules` in mkdocs.yml), a value
per preset (None: off), a help text, a reader for an organizer's own value and a
check that raises CourseError at the file and line to fix. The organizer picks a
preset and may override single rules:

    extra:
      course:
        rules: {preset: apa, objectives_min: 3, module_sections: ["Key points"]}

Any rule takes `false` (off) or `true` (the value the CE presets use). The
presets `apa` and `nasw` are this builder's conventions for CE courses, not the
text of either body's standards: check what your approving body asks for.
`build_course` (model.py) calls `check_course` once the course fits together.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .banks import QUESTION_TYPES
from .errors import CourseError
from .pages import body_start
from .yaml_source import Value, YamlDoc, load_yaml, shorten

if TYPE_CHECKING:
    from .banks import Bank
    from .model import Course
    from .pages import CoursePage, PageSource
    from .project import Project
    from .settings import CourseSettings

PRESETS = ("apa", "nasw", "none")
CE_PRESETS = ("apa", "nasw")
DEFAULT_PRESET = "apa"  # a course that names no preset is checked as a CE course (a non-credit one: `none`)
MEASURABLE_VERBS = (
    "Describe", "Identify", "Explain", "Apply", "Compare", "Select", "Recognize", "Recognise", "Interpret",
    "Respond", "List", "Distinguish", "Demonstrate", "Evaluate", "Analyze", "Analyse", "Summarize", "Summarise",
    "Use", "Plan",
)
# Verbs organizers reach for that no test can observe: named in the message when an objective starts with one.
NOT_MEASURABLE = ("understand", "know", "learn", "appreciate", "be", "become", "gain", "explore", "realize", "realise")
# Placeholder text anywhere: in settings, pages and banks ("TODO" in capitals only: "todo" is a word).
PLACEHOLDERS = re.compile(r"\b(?:TODO|TBD|FIXME)\b|(?i:lorem ipsum|organizers list their named authors here)")
# Placeholder values of a setting: the README's examples ("your organization's policy" in a page is text).
PLACEHOLDER_VALUES = re.compile(r"(?i:your organi[sz]ation|(?:dr\.? )?(?:jane|john) doe|name here)")


# --------------------------------------------------------------------------
# The organizer's choice: a preset and single rules overridden
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSet:
    """The rules a course is checked against: a preset, and the organizer's own values (None: off)."""

    preset: str = DEFAULT_PRESET
    overrides: tuple[tuple[str, Any], ...] = ()

    def value(self, name: str) -> Any:
        for key, value in self.overrides:
            if key == name:
                return value
        return RULES[name].presets[self.preset]

    def overridden(self, name: str) -> bool:
        return any(key == name for key, _ in self.overrides)


def read_rules(value: Value) -> RuleSet:
    """`rules:` in mkdocs.yml: a preset name, or a mapping with `preset` and rule names."""
    if isinstance(value.raw, str):
        return RuleSet(preset=_preset(value))
    keys = value.mapping(required=set(), optional={"preset", *RULES})
    preset = _preset(keys["preset"]) if "preset" in keys else DEFAULT_PRESET
    overrides = []
    for name, item in keys.items():
        if name == "preset":
            continue
        rule = RULES[name]
        if item.raw is None:
            raise item.error(f"'rules.{name}' is empty; write its value, or false (off)")
        if item.raw is False:
            overrides.append((name, None))
        elif item.raw is True:
            if rule.ce is None:
                raise item.error(f"'rules.{name}' has no preset value to turn on; write its value (see README, 'Rule presets')")
            overrides.append((name, rule.ce))
        else:
            overrides.append((name, rule.read(item)))
    return RuleSet(preset, tuple(overrides))


def _preset(value: Value) -> str:
    preset = value.text().lower()
    if preset not in PRESETS:
        raise value.error(f"the rule preset must be one of {', '.join(PRESETS)}, not '{shorten(value.raw)}'")
    return preset


# --------------------------------------------------------------------------
# Readers of an organizer's value for one rule (raise CourseError at its line)
# --------------------------------------------------------------------------


def _count(value: Value) -> int:
    number = value.number()
    if not number.is_integer() or number < 1:
        raise value.error(f"'rules.{value.name}' is a whole number of at least 1 (or false: off), not {value.raw!r}")
    return int(number)


def _percent(value: Value) -> int:
    number = value.number()
    if not number.is_integer() or not 0 <= number <= 100:
        raise value.error(f"'rules.{value.name}' is a whole percentage from 0 to 100, not {value.raw!r}")
    return int(number)


def _flag(value: Value) -> bool:
    return value.flag()


def _verbs(value: Value) -> tuple[str, ...]:
    verbs = tuple(item.text() for item in value.items())
    for item, verb in zip(value.items(), verbs):
        if not re.fullmatch(r"[A-Za-z][A-Za-z'-]*", verb):
            raise item.error(f"'{shorten(verb)}' is not one word; list the verbs an objective may start with (Describe, Identify, ...)")
    if not verbs:
        raise value.error(f"'rules.{value.name}' lists no verb; list some, or write false to turn the rule off")
    return verbs


def _sections(value: Value) -> tuple[str | tuple[str, ...], ...]:
    """Admonition titles: each a title, or a list of titles any one of which will do."""
    sections: list[str | tuple[str, ...]] = []
    for item in value.items():
        if isinstance(item.raw, list):
            choices = tuple(choice.text() for choice in item.items())
            if not choices:
                raise item.error("an empty list of titles; give one or more")
            sections.append(choices)
        else:
            sections.append(item.text())
    return tuple(sections)


def _types(value: Value) -> tuple[str, ...]:
    kinds = []
    for item in value.items():
        kind = item.text()
        if kind not in QUESTION_TYPES:
            raise item.error(f"question type must be one of {', '.join(QUESTION_TYPES)}, not '{shorten(kind)}'")
        kinds.append(kind)
    return tuple(kinds)


def _post_test_length(value: Value) -> tuple[int, int]:
    keys = value.mapping(required={"first_hour", "each_further_hour"})
    first, further = keys["first_hour"].number(), keys["each_further_hour"].number()
    if not first.is_integer() or first < 1:
        raise keys["first_hour"].error(f"'first_hour' is a whole number of questions, at least 1, not {keys['first_hour'].raw!r}")
    if not further.is_integer() or further < 0:
        raise keys["each_further_hour"].error(f"'each_further_hour' is a whole number of questions, not {keys['each_further_hour'].raw!r}")
    return int(first), int(further)


def _range(value: Value) -> tuple[int, int]:
    items = list(value.items())
    if len(items) != 2:
        raise value.error(f"'rules.{value.name}' is two percentages, lowest and highest: [70, 100]")
    low, high = (_percent(item) for item in items)
    if not 1 <= low <= high:
        raise value.error(f"'rules.{value.name}' goes from the lowest to the highest pass mark (1 to 100), not {value.raw!r}")
    return low, high


def _path(value: Value) -> str:
    return value.text().replace("\\", "/")


# --------------------------------------------------------------------------
# What a check sees: the course, its page sources and the project folder
# --------------------------------------------------------------------------


@dataclass
class Context:
    course: Course
    sources: tuple[PageSource, ...]
    project: Project
    _yaml: dict[str, YamlDoc | None] = field(default_factory=dict)

    @property
    def rules(self) -> RuleSet:
        return chosen_rules(self.course.settings)

    @cached_property
    def texts(self) -> dict[str, str]:
        return {source.src: source.text for source in self.sources}

    def fail(self, rule: str, file: str, line: int | None, message: str) -> CourseError:
        """The error, saying which rule asked for it and where the organizer chose it."""
        if self.rules.overridden(rule):
            at, number = self.course.settings.where("rules", rule)
            why = f"rule '{rule}' set in {at}:{number}" if number else f"rule '{rule}' set in {at}"
        else:
            why = f"rule '{rule}' of the '{self.rules.preset}' preset; see README, 'Rule presets'"
        return CourseError(file, line, f"{message} ({why})")

    def rule_line(self, rule: str) -> tuple[str, int | None]:
        """Where the rule (or, when it comes from the preset, the rules block or the course block) is written."""
        return self.course.settings.where("rules", rule)

    def page_lines(self, page: CoursePage) -> YamlDoc | None:
        """The page's front matter with the line of every key and list item."""
        return page.front

    def bank_lines(self, bank: Bank) -> YamlDoc | None:
        if bank.file not in self._yaml:
            text = self.bank_text(bank.file)
            self._yaml[bank.file] = load_yaml(text, bank.file) if text is not None else None
        return self._yaml[bank.file]

    def bank_text(self, label: str) -> str | None:
        path = self.project.root / label
        return self.project.read_text(path) if path.is_file() else None

    def source_of(self, relative: str) -> PageSource | None:
        """The page at a path the organizer wrote relative to mkdocs.yml (e.g. docs/references.md)."""
        wanted = (self.project.root / relative).resolve()
        return next((s for s in self.sources if (self.project.docs_dir / s.uri).resolve() == wanted), None)

    def post_test(self) -> tuple[CoursePage, Bank] | None:
        page = self.course.page_with_role("post-test")
        if page is None or page.bank is None or page.bank not in self.course.banks:
            return None
        return page, self.course.banks[page.bank]


_H1 = re.compile(r"^#[ \t]+\S", re.M)


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _heading_line(text: str) -> int:
    """The line of the page's title (its first '# ' heading), else the first line of its body."""
    start = body_start(text)
    match = _H1.search(text, start)
    return _line_at(text, match.start() if match else start)


def credit_hours(settings: CourseSettings) -> float:
    """The course's credit in hours: a CEU is ten contact hours; a non-credit course (credit_unit: none) has none."""
    unit = getattr(settings, "credit_unit", "ce-hours")
    return 0.0 if unit == "none" else settings.ce_hours * (10 if unit == "ceus" else 1)


def _hours(hours: float) -> int:
    """Started credit hours: 0.5 and 1.0 count as one hour, 1.25 as two."""
    return max(1, math.ceil(hours - 1e-9))


def post_test_minimum(hours: float, first_hour: int = 10, each_further_hour: int = 5) -> int:
    """Questions a learner answers: `first_hour` for the first hour, `each_further_hour` per further started hour."""
    return first_hour + each_further_hour * (_hours(hours) - 1)


def answered_count(bank: Bank) -> int:
    """How many post-test questions a learner answers: the bank's `draw` when it draws from a pool."""
    draw = getattr(bank, "draw", None)
    return draw if draw is not None else len(bank.questions)


# --------------------------------------------------------------------------
# Checks: each raises at the first problem, file and line
# --------------------------------------------------------------------------


def _check_objectives_min(ctx: Context, minimum: int) -> None:
    for page in ctx.course.modules:
        if len(page.objectives) < minimum:
            raise ctx.fail("objectives_min", page.src, page.lines.get("objectives"),
                           f"this module lists {len(page.objectives)} learning objective(s); a module needs at least {minimum}")


def _check_objective_verbs(ctx: Context, verbs: tuple[str, ...]) -> None:
    allowed = {verb.lower() for verb in verbs}
    for page in ctx.course.modules:
        for index, objective in enumerate(page.objectives):
            word = re.match(r"[*_\s]*([A-Za-z][A-Za-z'-]*)", objective)
            first = word.group(1) if word else ""
            if first.lower() in allowed:
                continue
            doc = ctx.page_lines(page)
            line = doc.lines.get(("course", "objectives", index)) if doc else page.lines.get("objectives")
            why = (f"'{first}' is not measurable: no test can observe it" if first.lower() in NOT_MEASURABLE
                   else f"it starts with '{shorten(first, 30)}'")
            raise ctx.fail("objective_verbs", page.src, line,
                           f"the objective '{shorten(objective)}' does not start with a measurable verb ({why}); "
                           f"start it with one of: {', '.join(verbs)}")


_OBJECTIVES_HEADING = re.compile(r"^#{2,3}[ \t]+.*(?:objective|will be able to|learning outcome).*$", re.M | re.I)
_NEXT_HEADING = re.compile(r"^#{1,3}[ \t]", re.M)
_LIST_ITEM = re.compile(r"^ {0,3}(?:\d+[.)]|[-*+])[ \t]+\S", re.M)


def _check_home_objectives_min(ctx: Context, minimum: int) -> None:
    home = next((s for s in ctx.sources if s.uri == "index.md"), None)
    if home is None:
        file, line = ctx.rule_line("home_objectives_min")
        raise ctx.fail("home_objectives_min", file, line, "the docs folder has no course home (index.md) to state the learning objectives")
    text = home.text
    heading = _OBJECTIVES_HEADING.search(text, body_start(text))
    if heading is None:
        raise ctx.fail("home_objectives_min", home.src, _heading_line(text),
                       "the course home has no section for the learning objectives: add a heading such as "
                       f"'## What you will be able to do' and list at least {minimum} objectives under it")
    following = _NEXT_HEADING.search(text, heading.end() + 1)
    section = text[heading.end(): following.start() if following else len(text)]
    items = len(_LIST_ITEM.findall(section))
    if items < minimum:
        raise ctx.fail("home_objectives_min", home.src, _line_at(text, heading.start()),
                       f"the section '{heading.group(0).strip('# ')}' lists {items} learning objective(s); the course home needs at least {minimum}")


_ADMONITION = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"([^"]*)"', re.M)


def admonition_titles(markdown: str) -> list[str]:
    """Titles of the admonitions (`!!! type "Title"`, `??? type "Title"`) in a page's body."""
    return [title.strip() for title in _ADMONITION.findall(markdown, body_start(markdown))]


def _check_module_sections(ctx: Context, sections: tuple[str | tuple[str, ...], ...]) -> None:
    for page in ctx.course.modules:
        text = ctx.texts.get(page.src, "")
        titles = admonition_titles(text)
        for section in sections:
            choices = (section,) if isinstance(section, str) else section
            if not any(title.lower().startswith(choice.lower()) for title in titles for choice in choices):
                wanted = " or ".join(f'"{choice}"' for choice in choices)
                raise ctx.fail("module_sections", page.src, _heading_line(text),
                               f"this module has no admonition titled {wanted} (for example: !!! note \"{choices[0]}\")")


def _module_banks(ctx: Context) -> Iterator[tuple[CoursePage, Bank]]:
    for page in ctx.course.modules:
        if page.bank and page.bank in ctx.course.banks:
            yield page, ctx.course.banks[page.bank]


def _last_question_line(bank: Bank) -> int | None:
    return bank.questions[-1].line if bank.questions else None


def _check_knowledge_check_min(ctx: Context, minimum: int) -> None:
    for page, bank in _module_banks(ctx):
        if len(bank.questions) < minimum:
            raise ctx.fail("knowledge_check_min", bank.file, _last_question_line(bank),
                           f"the knowledge check of {page.src} has {len(bank.questions)} question(s); a module's bank needs at least {minimum}")


def _check_knowledge_check_types(ctx: Context, kinds: tuple[str, ...]) -> None:
    for page, bank in _module_banks(ctx):
        present = {q.type for q in bank.questions}
        for kind in kinds:
            if kind not in present:
                raise ctx.fail("knowledge_check_types", bank.file, _last_question_line(bank),
                               f"the knowledge check of {page.src} has no '{kind}' question; each module's bank needs "
                               f"at least one of each: {', '.join(kinds)}")


def _check_feedback(ctx: Context, _: bool) -> None:
    for bank in ctx.course.banks.values():
        for number, question in enumerate(bank.questions):
            if not question.explanation.strip():
                raise ctx.fail("feedback", bank.file, question.key_lines.get("explanation", question.line),
                               f"question '{question.id}' has no explanation; learners see it after answering")
            for index, option in enumerate(question.options):
                if not option.feedback.strip():
                    doc = ctx.bank_lines(bank)
                    line = doc.lines.get(("questions", number, "options", index)) if doc else question.line
                    raise ctx.fail("feedback", bank.file, line,
                                   f"the option '{shorten(option.text)}' of question '{question.id}' has no feedback: "
                                   "add 'feedback:' saying why it is right or wrong")


def _check_post_test_length(ctx: Context, length: tuple[int, int]) -> None:
    found = ctx.post_test()
    s = ctx.course.settings
    if found is None:
        file, line = ctx.rule_line("post_test_length")
        raise ctx.fail("post_test_length", file, line,
                       "the course has no post-test: add a page with 'course: {role: post-test, bank: ...}'")
    page, bank = found
    hours = credit_hours(s)
    needed = post_test_minimum(hours, *length)
    answered = answered_count(bank)
    if answered < needed:
        doc = ctx.bank_lines(bank)
        drawn = getattr(bank, "draw", None) is not None
        line = doc.lines.get(("draw",) if drawn else ("questions",)) if doc else None
        what = f"draws {answered} questions" if drawn else f"has {answered} questions"
        raise ctx.fail("post_test_length", bank.file, line,
                       f"the post-test {what}; {hours:g} credit hour(s) need at least {needed} "
                       f"({length[0]} for the first hour, {length[1]} per further started hour)")


def _check_post_test_covers(ctx: Context, _: bool) -> None:
    found = ctx.post_test()
    if found is None:
        return  # post_test_length names a missing post-test; without it there is nothing to cover
    page, bank = found
    for question in bank.questions:
        if question.covers is None:
            raise ctx.fail("post_test_covers", bank.file, question.line,
                           f"question '{question.id}' does not say which module it tests: add 'covers: <module file name>'")
    covered = {q.covers for q in bank.questions}
    for module in ctx.course.modules:
        if module.slug not in covered:
            doc = ctx.bank_lines(bank)
            raise ctx.fail("post_test_covers", bank.file, doc.lines.get(("questions",)) if doc else None,
                           f"no post-test question covers the module '{module.slug}' ({module.src}); add one with 'covers: {module.slug}'")


def _check_true_false_max(ctx: Context, percent: int) -> None:
    found = ctx.post_test()
    if found is None:
        return
    _, bank = found
    true_false = [q for q in bank.questions if q.is_true_false]
    if len(true_false) * 100 > percent * len(bank.questions):
        allowed = percent * len(bank.questions) // 100
        raise ctx.fail("true_false_max", bank.file, true_false[allowed].line,
                       f"{len(true_false)} of the post-test's {len(bank.questions)} questions are true/false "
                       f"({', '.join(q.id for q in true_false)}); at most {percent}% may be: rewrite this one with more options")


def _check_pass_mark_range(ctx: Context, bounds: tuple[int, int]) -> None:
    s = ctx.course.settings
    low, high = bounds
    if not low <= s.pass_mark <= high:
        file, line = s.where("pass_mark")
        raise ctx.fail("pass_mark_range", file, line, f"the pass mark is {s.pass_mark}%; a CE post-test's pass mark lies from {low} to {high}")


def _check_reading_load(ctx: Context, _: bool) -> None:
    course, s = ctx.course, ctx.course.settings
    if getattr(s, "credit_unit", "ce-hours") == "none":
        return  # a non-credit course claims no hours to back with reading
    hours = credit_hours(s)  # CEUs in hours
    needed = round(hours * s.words_per_ce_hour)
    if course.module_words < needed:
        file, line = s.where("ce_hours")
        raise ctx.fail(
            "reading_load", file, line,
            f"extra.course.ce_hours is {s.ce_hours:g} but the modules hold {course.module_words} words; "
            f"{hours:g} hours need at least {needed} ({s.words_per_ce_hour} words per CE hour): "
            "lower ce_hours, add module text or set words_per_ce_hour",
        )


def _check_evaluation(ctx: Context, _: bool) -> None:
    s = ctx.course.settings
    if ctx.course.page_with_role("evaluation") is None:
        file, line = ctx.rule_line("evaluation")
        raise ctx.fail("evaluation", file, line,
                       "the course has no evaluation: add a page with 'course: {role: evaluation, form: ...}'")
    if not s.requirements.evaluation:
        file, line = s.where("requirements", "evaluation")
        raise ctx.fail("evaluation", file, line, "the evaluation must be required for the certificate: set requirements.evaluation: true")


def _placeholder(text: str, *, setting: bool = False) -> str | None:
    """The placeholder in a text (`setting`: a whole setting's value, which may also be the README's example)."""
    if setting and PLACEHOLDER_VALUES.fullmatch(text.strip()):
        return text.strip()
    found = PLACEHOLDERS.search(text)
    return found.group(0) if found else None


def _check_named_authors(ctx: Context, _: bool) -> None:
    s = ctx.course.settings
    for index, author in enumerate(s.authors):
        for key in ("name", "credentials", "disclosure"):
            found = _placeholder(getattr(author, key), setting=True)
            if found:
                file, line = s.where("authors", index, key)
                raise ctx.fail("named_authors", file, line,
                               f"the author's {key} holds the placeholder '{found}': name the real author, their "
                               "credentials and their disclosure of financial relationships")
    if not s.signer.name:
        file, line = s.where("signer")
        raise ctx.fail("named_authors", file, line,
                       "the certificate's signer has no name: a board expects the person who signs, so give signer "
                       "a name and credentials beside the role in title")


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^`\n].*?\1")


def _without_code(text: str) -> str:
    """Code blocks and spans blanked out, lines kept: a TODO in sample code is not a placeholder."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731
    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _check_no_placeholders(ctx: Context, _: bool) -> None:
    s = ctx.course.settings
    for key in ("title", "provider", "audience", "accreditation"):
        found = _placeholder(getattr(s, key), setting=True)
        if found:
            file, line = s.where(key)
            raise ctx.fail("no_placeholders", file, line, f"'{key}' holds the placeholder '{found}': write the real text")
    for key in ("name", "credentials", "title"):
        found = _placeholder(getattr(s.signer, key), setting=True)
        if found:
            file, line = s.where("signer", key)
            raise ctx.fail("no_placeholders", file, line, f"the signer's {key} holds the placeholder '{found}': write the real text")
    files = [(source.src, source.text) for source in ctx.sources]
    files += [(label, ctx.bank_text(label) or "") for label in _form_files(ctx.course)]
    for file, text in files:
        match = PLACEHOLDERS.search(_without_code(text))
        if match:
            raise ctx.fail("no_placeholders", file, _line_at(text, match.start()),
                           f"'{match.group(0)}' is placeholder text; write the real content")


def _form_files(course: Course) -> list[str]:
    """The bank and evaluation files, as errors name them."""
    files = [bank.file for bank in course.banks.values()]
    return files + ([course.evaluation.file] if course.evaluation else [])


def _check_references(ctx: Context, relative: str) -> None:
    page = ctx.source_of(relative)
    if page is None:
        file, line = ctx.rule_line("references")
        raise ctx.fail("references", file, line, f"there is no page '{shorten(relative)}' in the docs folder to list the cited works")
    references = read_references(page.text, page.src)
    if not references:
        raise ctx.fail("references", page.src, _heading_line(page.text),
                       "this page lists no reference; end each entry with its anchor on a line of its own, e.g. {#neff-2023}")
    cited: set[str] = set()
    files = [(s.src, s.text) for s in ctx.sources if s.src != page.src]
    files += [(label, ctx.bank_text(label) or "") for label in _form_files(ctx.course)]
    for file, text in files:
        for citation in find_citations(text):
            matches = resolve(citation, references)
            if not matches:
                raise ctx.fail("references", file, citation.line,
                               f"'{citation.text}' cites a work {page.src} does not list: no entry by {citation.first} from {citation.year}; "
                               "add the entry or correct the citation")
            cited.update(r.anchor for r in matches)
    for reference in references:
        if reference.anchor not in cited:
            raise ctx.fail("references", page.src, reference.line,
                           f"the entry #{reference.anchor} ({reference.first}, {reference.year}) is cited nowhere in the pages or banks; cite it or delete it")


# --------------------------------------------------------------------------
# Author-date citations ("Neff, 2023", "Wilson et al., 2019", "Kirby & Gilbert, 2019", "Neff (2023)")
# --------------------------------------------------------------------------

_YEAR = r"(?:1[89]|20)\d{2}[a-z]?|n\.\s?d\."
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][\w'’À-ÿ-]*"
# A name: capitalised words, with particles inside group or compound names ("Greater Good in Action", "van der Berg").
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:in|of|the|de|van|von|der|den|for|la|le)[ \t]+)*{_WORD})*"
_NAMES = (rf"(?P<names>{_NAME}(?:(?:,[ \t]*|[ \t]*&[ \t]*|[ \t]+and[ \t]+|,[ \t]*&[ \t]*|,[ \t]*and[ \t]+){_NAME})*"
          rf"(?P<etal>[ \t]+et[ \t]+al\.)?(?:['’]s)?)")
CITATION = re.compile(rf"(?<![\w&]){_NAMES}(?:,[ \t]*|[ \t]*\([ \t]*)(?P<year>{_YEAR})(?=[\s);,\].:]|$)")
_SEPARATORS = re.compile(r",\s*&\s*|,\s*and\s+|\s*&\s*|\s+and\s+|,\s*")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_REF_SURNAME = re.compile(rf"(?:^|,\s*&?\s*|&\s*)({_WORD}(?:\s{_WORD})*),\s*(?:[{_UPPER}]\.[\s-]*)+")


@dataclass(frozen=True)
class Citation:
    text: str
    first: str
    second: str | None
    et_al: bool
    year: str
    line: int


@dataclass(frozen=True)
class Reference:
    anchor: str
    authors: tuple[str, ...]
    year: str
    line: int

    @property
    def first(self) -> str:
        return self.authors[0]


def _norm_year(year: str) -> str:
    return "n.d." if year.startswith("n") else year


def find_citations(text: str) -> list[Citation]:
    """Author-date citations in a text, each with its line; link targets are not text."""
    text = _LINK_TARGET.sub(lambda m: "]" + re.sub(r"[^\n]", " ", m.group(0)[1:]), text)
    found = []
    for match in CITATION.finditer(text):
        names_text = re.sub(r"\s+et\s+al\.", "", match.group("names"))
        names = [re.sub(r"['’]s$", "", n.strip()) for n in _SEPARATORS.split(names_text) if n.strip()]
        cited = match.group(0).strip()
        cited += ")" if "(" in cited else ""  # a narrative citation, "Neff (2023", reads whole
        found.append(Citation(cited, names[0], names[1] if len(names) > 1 else None,
                              bool(match.group("etal")), _norm_year(match.group("year")), _line_at(text, match.start())))
    return found


def read_references(text: str, file: str) -> list[Reference]:
    """Entries of the references page: paragraphs carrying a `{#anchor}` attribute."""
    entries: list[Reference] = []
    lines = text.split("\n")
    start = _line_at(text, body_start(text))
    paragraph: list[str] = []
    first_line = start
    for number, line in enumerate(lines[start - 1:] + [""], start=start):
        if line.strip():
            if not paragraph:
                first_line = number
            paragraph.append(line)
            continue
        if paragraph:
            entry = " ".join(" ".join(paragraph).split())
            anchor = re.search(r"\{#([\w-]+)\}", entry)
            if anchor:
                year = re.search(rf"\((?P<year>{_YEAR})\)", entry)
                if not year:
                    raise CourseError(file, first_line, f"the entry #{anchor.group(1)} has no '(year)' or '(n.d.)' after its authors")
                author_part = entry[: year.start()].strip()
                surnames = tuple(_REF_SURNAME.findall(author_part)) or (author_part.rstrip(". "),)
                entries.append(Reference(anchor.group(1), surnames, _norm_year(year.group("year")), first_line))
            paragraph = []
    return entries


def _first_matches(cited: str, author: str) -> bool:
    # "In Neff (2023)" or "Kristin Neff (n.d.)": the surname ends the captured words.
    return cited == author or cited.endswith(" " + author)


def resolve(citation: Citation, references: list[Reference]) -> list[Reference]:
    """The entries a citation may mean: same year and first author, narrowed by the second author or et al."""
    candidates = [r for r in references if r.year == citation.year and _first_matches(citation.first, r.first)]
    if citation.second:
        narrowed = [r for r in candidates if len(r.authors) > 1 and r.authors[1] == citation.second]
    elif citation.et_al:
        narrowed = [r for r in candidates if len(r.authors) >= 3]
    else:
        narrowed = [r for r in candidates if len(r.authors) == 1]
    return narrowed or candidates


# --------------------------------------------------------------------------
# The declared rules
# --------------------------------------------------------------------------


def _show(value: Any) -> str:
    if value is None:
        return "off"
    if value is True:
        return "on"
    if isinstance(value, tuple):
        return ", ".join(" or ".join(v) if isinstance(v, tuple) else str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Rule:
    name: str
    help: str
    read: Callable[[Value], Any]
    check: Callable[[Context, Any], None]
    ce: Any  # the value of the CE presets (apa, nasw); None: off
    shown: Callable[[Any], str] = _show

    @property
    def presets(self) -> dict[str, Any]:
        return {**{name: self.ce for name in CE_PRESETS}, "none": None}


def _show_verbs(verbs: Any) -> str:
    return "off" if verbs is None else f"{len(verbs)} verbs: {', '.join(verbs[:4])}, ..."


def _show_length(length: Any) -> str:
    return "off" if length is None else f"{length[0]} + {length[1]} per further hour"


def _show_range(bounds: Any) -> str:
    return "off" if bounds is None else f"{bounds[0]} to {bounds[1]}"


def _show_percent(percent: Any) -> str:
    return "off" if percent is None else f"{percent}%"


DECLARED: tuple[Rule, ...] = (
    Rule("objectives_min", "Each module lists at least this many learning objectives.", _count, _check_objectives_min, 2),
    Rule("objective_verbs", "Each module objective starts with one of these measurable verbs (not Understand, Know, Learn, Appreciate).",
         _verbs, _check_objective_verbs, MEASURABLE_VERBS, _show_verbs),
    Rule("home_objectives_min", "The course home (index.md) lists at least this many objectives under a heading about objectives.",
         _count, _check_home_objectives_min, None),
    Rule("module_sections", "Admonition titles every module has (a title starts with one; a list inside means any one of them).",
         _sections, _check_module_sections, None),
    Rule("knowledge_check_min", "Each module's knowledge check has at least this many questions.", _count, _check_knowledge_check_min, 3),
    Rule("knowledge_check_types", "Each module's knowledge check has at least one question of each of these types.",
         _types, _check_knowledge_check_types, None),
    Rule("feedback", "Every option of every question has feedback, and every question an explanation.", _flag, _check_feedback, True),
    Rule("post_test_length", "The post-test asks at least first_hour questions for the first credit hour and each_further_hour per "
         "further started hour (a bank's draw: counts what a learner answers).", _post_test_length, _check_post_test_length, (10, 5), _show_length),
    Rule("post_test_covers", "Every post-test question says which module it covers, and every module is covered.",
         _flag, _check_post_test_covers, True),
    Rule("true_false_max", "At most this share of the post-test's questions are true/false.", _percent, _check_true_false_max, 10, _show_percent),
    Rule("pass_mark_range", "The pass mark lies in this range, in percent.", _range, _check_pass_mark_range, (70, 100), _show_range),
    Rule("reading_load", "The modules hold ce_hours x words_per_ce_hour words (writing words_per_ce_hour turns this on in any preset).",
         _flag, _check_reading_load, True),
    Rule("evaluation", "The course has an evaluation page and requirements.evaluation is true.", _flag, _check_evaluation, True),
    Rule("named_authors", "Authors are named, with credentials and a disclosure, and no placeholder text; the certificate's signer is a named person.", _flag, _check_named_authors, True),
    Rule("no_placeholders", "No placeholder text (TODO, TBD, lorem ipsum, 'Your organization'...) in the settings, pages or banks.",
         _flag, _check_no_placeholders, True),
    Rule("references", "A references page (a path such as docs/references.md): every author-date citation in the pages and banks "
         "matches an entry there, and every entry is cited.", _path, _check_references, None),
)
RULES: dict[str, Rule] = {rule.name: rule for rule in DECLARED}


def active_rules(rules: RuleSet, written: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Each rule that is on, with its value; `written`: the settings the organizer wrote."""
    values = {rule.name: rules.value(rule.name) for rule in DECLARED}
    if "words_per_ce_hour" in written and not rules.overridden("reading_load"):
        values["reading_load"] = True  # the organizer set a reading load: check it whatever the preset
    return {name: value for name, value in values.items() if value is not None}


def chosen_rules(settings: CourseSettings) -> RuleSet:
    """The organizer's rules; when they chose none, the default preset, or `none` for a non-credit course."""
    if "rules" not in settings.written and getattr(settings, "credit_unit", None) == "none":
        return RuleSet("none")
    return settings.rules


def check_course(course: Course, sources: list[PageSource] | tuple[PageSource, ...], project: Project) -> None:
    """Raise CourseError at the first rule the course breaks, in the declared order."""
    ctx = Context(course, tuple(sources), project)
    for name, value in active_rules(ctx.rules, course.settings.written).items():
        RULES[name].check(ctx, value)


def rules_table() -> str:
    """The rules as a Markdown table (each preset's value and what it checks), for the README."""
    rows = [f"| rule | {' | '.join(f'`{p}`' for p in PRESETS)} | what it checks |", "|---|" + "---|" * len(PRESETS) + "---|"]
    for rule in DECLARED:
        values = " | ".join(rule.shown(rule.presets[preset]) for preset in PRESETS)
        rows.append(f"| `{rule.name}` | {values} | {rule.help} |")
    return "\n".join(rows) + "\n"
