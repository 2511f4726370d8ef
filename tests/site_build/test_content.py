"""Content rules of the course (docs/authoring rules and CE conventions), checked without a build.

Each check is a function that reads a course directory (mkdocs.yml, docs/, the banks
directory) and returns a list of problems, each naming the file and what is missing.
The real course must have none; every check is also run against a tampered copy of
the course to prove it can fail (the `TAMPERS` table at the end of this file).

Rules:

- every module (a page with `course: {role: module}`) has >= 3 objectives, an
  admonition titled "Key points", one whose title starts "Clinical vignette", and one
  whose title starts "Reflection" or "Practice";
- every module's bank has >= 5 questions with at least one single, one multiple and
  one fill question;
- in every bank, every option of a single/multiple question has feedback and every
  question has an explanation;
- the post-test has at least `post_test_minimum(ce_hours)` questions: 10 for the first
  CE hour and 5 for each further hour, where a started hour counts as a whole hour
  (ce_hours is rounded UP: 1.0 -> 10, 1.25 or 1.5 or 2.0 -> 15, 2.5 -> 20; anything up
  to 1 hour -> 10); at most 10% true/false items; no fill items; every question says
  which module it `covers`, and every module is covered;
- every author-date citation in a page or bank ("Neff, 2023", "Wilson et al., 2019",
  "Kirby & Gilbert, 2019", "Neff (2023)", "Neff, n.d.") matches an entry on
  docs/references.md by first-author surname and year, and every entry there is cited;
- the modules' words (coursekit's count_words) reach ce_hours x words_per_ce_hour;
- the course home (docs/index.md) lists >= 3 learning objectives under a heading about
  objectives / what the learner will be able to do.
"""

from __future__ import annotations

import functools
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import yaml

from coursekit.banks import Bank, load_bank
from coursekit.errors import CourseError
from coursekit.pages import CoursePage, PageSource, count_words, read_course_page
from coursekit.settings import CourseSettings, parse_settings
from coursekit.yaml_source import load_yaml
from support import ROOT

MIN_OBJECTIVES = 3
MIN_MODULE_QUESTIONS = 5
REFERENCES = "docs/references.md"
HOME = "docs/index.md"


# --------------------------------------------------------------------------
# Reading a course directory
# --------------------------------------------------------------------------


@dataclass
class Course:
    root: Path
    settings: CourseSettings
    pages: dict[str, CoursePage] = field(default_factory=dict)  # src -> page
    texts: dict[str, str] = field(default_factory=dict)  # src -> whole Markdown file
    banks: dict[str, Bank] = field(default_factory=dict)  # bank id -> bank
    bank_texts: dict[str, str] = field(default_factory=dict)  # bank file label -> raw YAML
    errors: list[str] = field(default_factory=list)  # banks or pages that do not even load

    @property
    def modules(self) -> list[CoursePage]:
        return [p for p in self.pages.values() if p.role == "module"]

    def with_role(self, role: str) -> CoursePage | None:
        return next((p for p in self.pages.values() if p.role == role), None)


def read_course(root: Path) -> Course:
    config = root / "mkdocs.yml"
    doc = load_yaml(config.read_text(encoding="utf-8"), "mkdocs.yml")
    site_name = str(doc.data.get("site_name", ""))
    settings = parse_settings(doc.root().child("extra").child("course"), site_name=site_name)
    docs_dir = root / str(doc.data.get("docs_dir", "docs"))
    course = Course(root, settings)
    for path in sorted(docs_dir.rglob("*.md")):
        uri = path.relative_to(docs_dir).as_posix()
        src = f"{docs_dir.name}/{uri}"
        text = path.read_text(encoding="utf-8")
        course.texts[src] = text
        try:
            page = read_course_page(PageSource(src=src, uri=uri, url=uri.removesuffix(".md") + "/", text=text))
        except CourseError as error:
            course.errors.append(str(error))
            continue
        if page is not None:
            course.pages[src] = page
    banks_dir = root / settings.banks_dir
    for path in sorted(banks_dir.glob("*.yml")):
        label = f"{settings.banks_dir}/{path.name}"
        course.bank_texts[label] = path.read_text(encoding="utf-8")
        if any(p.form == path.stem for p in course.pages.values()):
            continue  # the evaluation form is not a question bank
        try:
            course.banks[path.stem] = load_bank(path, label)
        except CourseError as error:
            course.errors.append(str(error))
    return course


# --------------------------------------------------------------------------
# Checks: each returns a list of problems ("<file>: <what is missing>")
# --------------------------------------------------------------------------

_ADMONITION = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"([^"]*)"', re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


def _body(text: str) -> str:
    match = _FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def admonition_titles(markdown: str) -> list[str]:
    return [title.strip() for title in _ADMONITION.findall(_body(markdown))]


def check_loads(course: Course) -> list[str]:
    return list(course.errors)


def check_module_pages(course: Course) -> list[str]:
    problems: list[str] = []
    if not course.modules:
        problems.append("docs/: no page has 'course: {role: module}'")
    for page in course.modules:
        titles = admonition_titles(course.texts[page.src])
        if len(page.objectives) < MIN_OBJECTIVES:
            problems.append(f"{page.src}: has {len(page.objectives)} learning objective(s) in its front matter; a module needs at least {MIN_OBJECTIVES}")
        if not any(t.startswith("Key points") for t in titles):
            problems.append(f'{page.src}: no "Key points" admonition (!!! abstract "Key points")')
        if not any(t.startswith("Clinical vignette") for t in titles):
            problems.append(f'{page.src}: no admonition titled "Clinical vignette: ..."')
        if not any(t.startswith(("Reflection", "Practice")) for t in titles):
            problems.append(f'{page.src}: no exercise admonition titled "Reflection: ..." or "Practice: ..."')
    return problems


def check_module_banks(course: Course) -> list[str]:
    problems: list[str] = []
    for page in course.modules:
        bank = course.banks.get(page.bank or "")
        if bank is None:
            problems.append(f"{page.src}: its bank '{page.bank}' ({course.settings.banks_dir}/{page.bank}.yml) is missing or does not load")
            continue
        if len(bank.questions) < MIN_MODULE_QUESTIONS:
            problems.append(f"{bank.file}: the knowledge check of {page.src} has {len(bank.questions)} question(s); a module bank needs at least {MIN_MODULE_QUESTIONS}")
        types = {q.type for q in bank.questions}
        for kind in ("single", "multiple", "fill"):
            if kind not in types:
                problems.append(f"{bank.file}: no '{kind}' question; each module bank needs at least one single, one multiple and one fill question")
    return problems


def check_feedback_and_explanations(course: Course) -> list[str]:
    problems: list[str] = []
    for bank in course.banks.values():
        for question in bank.questions:
            where = f"{bank.file}:{question.line}" if question.line else bank.file
            if not question.explanation.strip():
                problems.append(f"{where}: question '{question.id}' has no explanation")
            for option in question.options:
                if not option.feedback.strip():
                    problems.append(f"{where}: option '{option.text}' of question '{question.id}' has no feedback")
    return problems


def post_test_minimum(ce_hours: float) -> int:
    """10 questions for the first CE hour, 5 per further hour; a started hour counts as whole."""
    hours = max(1, math.ceil(ce_hours - 1e-9))
    return 10 + 5 * (hours - 1)


def check_post_test(course: Course) -> list[str]:
    page = course.with_role("post-test")
    if page is None:
        return ["docs/: no page has 'course: {role: post-test}'"]
    bank = course.banks.get(page.bank or "")
    if bank is None:
        return [f"{page.src}: its bank '{page.bank}' is missing or does not load"]
    problems: list[str] = []
    questions = bank.questions
    needed = post_test_minimum(course.settings.ce_hours)
    if len(questions) < needed:
        problems.append(
            f"{bank.file}: has {len(questions)} questions; {course.settings.ce_hours:g} CE hour(s) need at least {needed} "
            "(10 for the first hour, 5 per further started hour)"
        )
    true_false = [q.id for q in questions if q.is_true_false]
    if len(true_false) * 10 > len(questions):
        problems.append(f"{bank.file}: {len(true_false)} of {len(questions)} questions are true/false ({', '.join(true_false)}); at most 10% may be")
    for question in questions:
        if question.type == "fill":
            problems.append(f"{bank.file}:{question.line}: question '{question.id}' is a fill question; the post-test is multiple-choice only (single or multiple)")
        if question.covers is None:
            problems.append(f"{bank.file}:{question.line}: question '{question.id}' has no 'covers: <module-slug>'")
    covered = {q.covers for q in questions}
    for module in course.modules:
        if module.slug not in covered:
            problems.append(f"{bank.file}: no question covers the module '{module.slug}' ({module.src}); add one with 'covers: {module.slug}'")
    return problems


# ---- citations -------------------------------------------------------------

_YEAR = r"(?:1[89]|20)\d{2}[a-z]?|n\.\s?d\."
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][\w'’À-ÿ-]*"
# A name: capitalised words, allowing particles inside group or compound names
# ("Greater Good in Action", "van der Berg").
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:in|of|the|de|van|von|der|den|for|la|le)[ \t]+)*{_WORD})*"
_NAMES = rf"(?P<names>{_NAME}(?:(?:,[ \t]*|[ \t]*&[ \t]*|[ \t]+and[ \t]+|,[ \t]*&[ \t]*|,[ \t]*and[ \t]+){_NAME})*(?P<etal>[ \t]+et[ \t]+al\.)?(?:['’]s)?)"
# "Neff, 2023" / "Wilson et al., 2019" (parenthetical) or "Neff (2023" / "Kirby and Gilbert's (2019)" (narrative).
CITATION = re.compile(rf"(?<![\w&]){_NAMES}(?:,[ \t]*|[ \t]*\([ \t]*)(?P<year>{_YEAR})(?=[\s);,\].:]|$)")
_SEPARATORS = re.compile(r",\s*&\s*|,\s*and\s+|\s*&\s*|\s+and\s+|,\s*")


@dataclass(frozen=True)
class Citation:
    file: str
    text: str
    first: str
    second: str | None
    et_al: bool
    year: str


@dataclass(frozen=True)
class Reference:
    anchor: str
    authors: tuple[str, ...]
    year: str
    text: str

    @property
    def first(self) -> str:
        return self.authors[0]


def _norm_year(year: str) -> str:
    return "n.d." if year.startswith("n") else year


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip())


def find_citations(text: str, file: str) -> list[Citation]:
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not text
    found = []
    for match in CITATION.finditer(text):
        names_text = re.sub(r"\s+et\s+al\.", "", match.group("names"))
        names = [_strip_possessive(n) for n in _SEPARATORS.split(names_text) if n.strip()]
        found.append(Citation(file, match.group(0).strip(), names[0], names[1] if len(names) > 1 else None,
                              bool(match.group("etal")), _norm_year(match.group("year"))))
    return found


_REF_SURNAME = re.compile(rf"(?:^|,\s*&?\s*|&\s*)({_WORD}(?:\s{_WORD})*),\s*(?:[{_UPPER}]\.[\s-]*)+")


def read_references(text: str) -> tuple[list[Reference], list[str]]:
    """Entries of docs/references.md: paragraphs carrying a `{#anchor}` attribute."""
    entries: list[Reference] = []
    problems: list[str] = []
    for paragraph in re.split(r"\n\s*\n", _body(text)):
        anchor = re.search(r"\{#([\w-]+)\}", paragraph)
        if not anchor:
            continue
        entry = " ".join(paragraph.split())
        year = re.search(rf"\((?P<year>{_YEAR})\)", entry)
        if not year:
            problems.append(f"{REFERENCES}: entry #{anchor.group(1)} has no '(year)' or '(n.d.)'")
            continue
        author_part = entry[: year.start()].strip()
        surnames = tuple(_REF_SURNAME.findall(author_part)) or (author_part.rstrip(". "),)
        entries.append(Reference(anchor.group(1), surnames, _norm_year(year.group("year")), entry))
    return entries, problems


def _first_matches(cited: str, author: str) -> bool:
    # "In Neff (2023)" or "Kristin Neff (n.d.)": the surname ends the captured words.
    return cited == author or cited.endswith(" " + author)


def resolve(citation: Citation, references: list[Reference]) -> list[Reference]:
    candidates = [r for r in references if r.year == citation.year and _first_matches(citation.first, r.first)]
    narrowed: list[Reference] = candidates
    if citation.second:
        narrowed = [r for r in candidates if len(r.authors) > 1 and r.authors[1] == citation.second]
    elif citation.et_al:
        narrowed = [r for r in candidates if len(r.authors) >= 3]
    else:
        narrowed = [r for r in candidates if len(r.authors) == 1]
    return narrowed or candidates


def learner_texts(course: Course) -> dict[str, str]:
    """Every text a learner reads, by file: pages (except the reference list) and banks."""
    texts = {src: text for src, text in course.texts.items() if src != REFERENCES}
    texts.update(course.bank_texts)
    return texts


def check_citations(course: Course) -> list[str]:
    if REFERENCES not in course.texts:
        return [f"{REFERENCES}: missing; it must list every cited work"]
    references, problems = read_references(course.texts[REFERENCES])
    cited: set[str] = set()
    for file, text in learner_texts(course).items():
        for citation in find_citations(text, file):
            matches = resolve(citation, references)
            if not matches:
                problems.append(f"{file}: cites '{citation.text}' but {REFERENCES} has no entry with that first author ({citation.first}) and year {citation.year}")
            cited.update(r.anchor for r in matches)
    for reference in references:
        if reference.anchor not in cited:
            problems.append(f"{REFERENCES}: entry #{reference.anchor} ({reference.first}, {reference.year}) is cited nowhere in the pages or banks")
    return problems


# ---- reading load and course home --------------------------------------------


def check_reading_load(course: Course) -> list[str]:
    s = course.settings
    needed = round(s.ce_hours * s.words_per_ce_hour)
    words = {p.src: count_words(_body(course.texts[p.src])) for p in course.modules}
    total = sum(words.values())
    if total >= needed:
        return []
    detail = ", ".join(f"{src} {n}" for src, n in words.items())
    return [f"docs/modules: the modules hold {total} words ({detail}); ce_hours {s.ce_hours:g} x {s.words_per_ce_hour} words per CE hour needs {needed}"]


_OBJECTIVES_HEADING = re.compile(r"^#{2,3}\s+.*(objective|will be able to|learning outcome).*$", re.M | re.I)
_LIST_ITEM = re.compile(r"^\s{0,3}(?:\d+[.)]|[-*+])\s+\S", re.M)


def check_course_home(course: Course) -> list[str]:
    text = course.texts.get(HOME)
    if text is None:
        return [f"{HOME}: missing (the course home must state the learning objectives)"]
    body = _body(text)
    heading = _OBJECTIVES_HEADING.search(body)
    if heading is None:
        return [f"{HOME}: no section heading for the learning objectives (e.g. '## What you will be able to do')"]
    following = re.search(r"^#{1,3}\s", body[heading.end():], re.M)
    section = body[heading.end(): heading.end() + following.start()] if following else body[heading.end():]
    items = len(_LIST_ITEM.findall(section))
    if items < MIN_OBJECTIVES:
        return [f"{HOME}: the section '{heading.group(0).strip('# ')}' lists {items} learning objective(s); the course needs at least {MIN_OBJECTIVES}"]
    return []


CHECKS: dict[str, Callable[[Course], list[str]]] = {
    "loads": check_loads,
    "module-pages": check_module_pages,
    "module-banks": check_module_banks,
    "feedback": check_feedback_and_explanations,
    "post-test": check_post_test,
    "citations": check_citations,
    "reading-load": check_reading_load,
    "course-home": check_course_home,
}


# --------------------------------------------------------------------------
# The real course
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course() -> Course:
    return read_course(ROOT)


@pytest.mark.parametrize("name", list(CHECKS))
def test_course_content(course: Course, name: str) -> None:
    problems = CHECKS[name](course)
    assert not problems, "\n".join(problems)


def test_the_course_has_modules_banks_and_references(course: Course) -> None:
    """Guards against the checks passing vacuously."""
    assert len(course.modules) >= 1
    assert all(p.bank in course.banks for p in course.modules)
    references, _ = read_references(course.texts[REFERENCES])
    assert references, f"{REFERENCES}: no entries with {{#anchor}} found"
    assert sum(len(find_citations(t, f)) for f, t in learner_texts(course).items()) >= len(references)


@pytest.mark.parametrize(
    ("ce_hours", "expected"),
    [(0.5, 10), (1, 10), (1.0, 10), (1.25, 15), (1.5, 15), (2, 15), (2.5, 20), (3, 20)],
)
def test_post_test_minimum_rounds_started_hours_up(ce_hours: float, expected: int) -> None:
    assert post_test_minimum(ce_hours) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as shown (Neff, 2023).", [("Neff", None, False, "2023")]),
        ("(Wilson et al., 2019; published online 2018)", [("Wilson", None, True, "2019")]),
        ("(Kirby & Gilbert, 2019)", [("Kirby", "Gilbert", False, "2019")]),
        ("[Neff (2023)](../references.md#neff-2023) says", [("Neff", None, False, "2023")]),
        ("Kirby and Gilbert's (2019) commentary", [("Kirby", "Gilbert", False, "2019")]),
        ("(Neff, n.d.)", [("Neff", None, False, "n.d.")]),
        ("(Greater Good in Action, n.d.)", [("Greater Good in Action", None, False, "n.d.")]),
        ("(Germer & Neff, 2013; Neff, 2023)", [("Germer", "Neff", False, "2013"), ("Neff", None, False, "2023")]),
        ("Crego et al. (2022) reviewed", [("Crego", None, True, "2022")]),
        ("in the June 2019 issue, 22 trials", []),
    ],
)
def test_citation_patterns(text: str, expected: list[tuple]) -> None:
    found = [(c.first, c.second, c.et_al, c.year) for c in find_citations(text, "x.md")]
    assert found == expected


# --------------------------------------------------------------------------
# Every check can fail: run it on a tampered copy of the course
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _original() -> Course:
    """The real course, read once; tampered copies start identical to it."""
    return read_course(ROOT)


def _copy_course(destination: Path) -> Path:
    root = destination / "course"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    banks_dir = _original().settings.banks_dir
    shutil.copytree(ROOT / banks_dir, root / banks_dir)
    return root


def _first_module(root: Path) -> tuple[Path, CoursePage]:
    page = _original().modules[0]
    return root / page.src, page


def _replace(path: Path, pattern: str, new: str, *, count: int = 0) -> None:
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, new, text, count=count, flags=re.M)
    assert n, f"tamper found no {pattern!r} in {path}"
    path.write_text(changed, encoding="utf-8")


def _edit_bank(root: Path, bank: str, change: Callable[[list[dict]], None]) -> None:
    path = root / _original().settings.banks_dir / f"{bank}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["questions"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _set_course_option(root: Path, key: str, value: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if re.search(rf"^    {key}:.*$", text, re.M):
        text = re.sub(rf"^    {key}:.*$", f"    {key}: {value}", text, flags=re.M)
    else:
        text = text.replace("  course:\n", f"  course:\n    {key}: {value}\n", 1)
    config.write_text(text, encoding="utf-8")


def _module_bank(root: Path) -> str:
    return _first_module(root)[1].bank or ""


def _post_test_bank(root: Path) -> str:
    page = _original().with_role("post-test")
    assert page is not None and page.bank
    return page.bank


def t_two_objectives(root: Path) -> None:
    path, page = _first_module(root)
    for objective in page.objectives[2:]:
        _replace(path, rf"^\s+- {re.escape(objective)}\n", "", count=1)


def t_no_key_points(root: Path) -> None:
    _replace(_first_module(root)[0], r'"Key points"', '"Summary"')


def t_no_vignette(root: Path) -> None:
    _replace(_first_module(root)[0], r'"Clinical vignette', '"Case')


def t_no_exercise(root: Path) -> None:
    _replace(_first_module(root)[0], r'"(Reflection|Practice)', '"Exercise')


def t_four_questions(root: Path) -> None:
    _edit_bank(root, _module_bank(root), lambda qs: qs.__delitem__(slice(4, None)))


def t_no_fill(root: Path) -> None:
    _edit_bank(root, _module_bank(root), lambda qs: qs.__setitem__(slice(None), [q for q in qs if q["type"] != "fill"]))


def t_no_multiple(root: Path) -> None:
    _edit_bank(root, _module_bank(root), lambda qs: qs.__setitem__(slice(None), [q for q in qs if q["type"] != "multiple"]))


def t_option_without_feedback(root: Path) -> None:
    def change(questions: list[dict]) -> None:
        next(q for q in questions if q["type"] != "fill")["options"][1].pop("feedback")

    _edit_bank(root, _module_bank(root), change)


def t_question_without_explanation(root: Path) -> None:
    _edit_bank(root, _post_test_bank(root), lambda qs: qs[0].pop("explanation"))


def t_post_test_too_short(root: Path) -> None:
    _edit_bank(root, _post_test_bank(root), lambda qs: qs.__delitem__(slice(9, None)))


def t_more_hours_than_post_test(root: Path) -> None:
    count = len(_original().banks[_post_test_bank(root)].questions)
    # The smallest ce_hours whose minimum exceeds the bank: a partial hour must count.
    hours = 1 + (max(count, 10) - 10) // 5 + 0.5
    assert post_test_minimum(hours) > count
    _set_course_option(root, "ce_hours", f"{hours}")
    _set_course_option(root, "words_per_ce_hour", "100")


def t_true_false(root: Path) -> None:
    def change(questions: list[dict]) -> None:
        covers = questions[0]["covers"]
        for n in range(1 + len(questions) // 10):
            questions.append({
                "id": f"tf-{n}", "covers": covers, "type": "single", "prompt": f"Statement {n}.",
                "options": [{"text": "True", "correct": True, "feedback": "Yes."}, {"text": "False", "feedback": "No."}],
                "explanation": "Because.",
            })

    _edit_bank(root, _post_test_bank(root), change)


def t_fill_in_post_test(root: Path) -> None:
    def change(questions: list[dict]) -> None:
        questions.append({"id": "pt-fill", "covers": questions[0]["covers"], "type": "fill",
                          "prompt": "The term is [[backdraft]].", "explanation": "Germer's term."})

    _edit_bank(root, _post_test_bank(root), change)


def t_module_uncovered(root: Path) -> None:
    slug = _first_module(root)[1].slug

    def change(questions: list[dict]) -> None:
        other = next(q["covers"] for q in questions if q.get("covers") != slug)
        for q in questions:
            if q.get("covers") == slug:
                q["covers"] = other

    _edit_bank(root, _post_test_bank(root), change)


def t_post_test_question_without_covers(root: Path) -> None:
    _edit_bank(root, _post_test_bank(root), lambda qs: qs[-1].pop("covers"))


def t_unknown_citation(root: Path) -> None:
    path = _first_module(root)[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nSee also (Smith & Jones, 2021).\n", encoding="utf-8")


def t_narrative_citation_wrong_year(root: Path) -> None:
    path = _first_module(root)[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nAs Neff (2031) argues.\n", encoding="utf-8")


def t_citation_in_bank(root: Path) -> None:
    def change(questions: list[dict]) -> None:
        questions[0]["explanation"] += " (Doe et al., 2020)"

    _edit_bank(root, _module_bank(root), change)


def t_uncited_reference(root: Path) -> None:
    path = root / REFERENCES
    path.write_text(path.read_text(encoding="utf-8") + "\nZeta, Q. (2001). An uncited work. *Journal*.\n{#zeta-2001}\n", encoding="utf-8")


def t_too_few_words(root: Path) -> None:
    _set_course_option(root, "words_per_ce_hour", "1000000")


def t_home_two_objectives(root: Path) -> None:
    path = root / HOME
    text = path.read_text(encoding="utf-8")
    heading = _OBJECTIVES_HEADING.search(text)
    assert heading
    after = text[heading.end():]
    following = re.search(r"^#{1,3}\s", after, re.M)
    end = following.start() if following else len(after)
    section = after[:end]
    kept = 0
    lines = []
    for line in section.splitlines(keepends=True):
        if _LIST_ITEM.match(line):
            kept += 1
            if kept > 2:
                continue
        lines.append(line)
    path.write_text(text[: heading.end()] + "".join(lines) + after[end:], encoding="utf-8")


def t_home_no_objectives_heading(root: Path) -> None:
    _replace(root / HOME, _OBJECTIVES_HEADING.pattern, "## About this course")


TAMPERS: list[tuple[str, Callable[[Path], None], str, str]] = [
    # (id, tamper, check that must fail, text its message must contain)
    ("objectives", t_two_objectives, "module-pages", "2 learning objective(s)"),
    ("key-points", t_no_key_points, "module-pages", '"Key points"'),
    ("vignette", t_no_vignette, "module-pages", '"Clinical vignette'),
    ("exercise", t_no_exercise, "module-pages", '"Reflection: ..." or "Practice: ..."'),
    ("bank-size", t_four_questions, "module-banks", "has 4 question(s)"),
    ("bank-no-fill", t_no_fill, "module-banks", "no 'fill' question"),
    ("bank-no-multiple", t_no_multiple, "module-banks", "no 'multiple' question"),
    ("option-feedback", t_option_without_feedback, "feedback", "has no feedback"),
    ("explanation", t_question_without_explanation, "loads", "explanation"),
    ("post-test-size", t_post_test_too_short, "post-test", "has 9 questions"),
    ("post-test-partial-hour", t_more_hours_than_post_test, "post-test", "(10 for the first hour, 5 per further started hour)"),
    ("true-false", t_true_false, "post-test", "are true/false"),
    ("post-test-fill", t_fill_in_post_test, "post-test", "is a fill question"),
    ("uncovered-module", t_module_uncovered, "post-test", "no question covers the module"),
    ("no-covers", t_post_test_question_without_covers, "post-test", "has no 'covers"),
    ("citation-unknown", t_unknown_citation, "citations", "cites 'Smith & Jones, 2021'"),
    ("citation-year", t_narrative_citation_wrong_year, "citations", "As Neff (2031' but"),
    ("citation-in-bank", t_citation_in_bank, "citations", "(Doe) and year 2020"),
    ("reference-uncited", t_uncited_reference, "citations", "entry #zeta-2001"),
    ("reading-load", t_too_few_words, "reading-load", "words per CE hour needs"),
    ("home-objectives", t_home_two_objectives, "course-home", "lists 2 learning objective(s)"),
    ("home-heading", t_home_no_objectives_heading, "course-home", "no section heading for the learning objectives"),
]


def test_every_check_is_tampered_at_least_once() -> None:
    assert {check for _, _, check, _ in TAMPERS} == set(CHECKS)


@pytest.mark.parametrize(("tamper", "check", "expected"), [t[1:] for t in TAMPERS], ids=[t[0] for t in TAMPERS])
def test_check_fails_on_a_tampered_copy(tmp_path: Path, tamper: Callable[[Path], None], check: str, expected: str) -> None:
    assert not CHECKS[check](_original()), "the real course must pass this check first"
    root = _copy_course(tmp_path)
    tamper(root)
    problems = CHECKS[check](read_course(root))
    assert problems, f"{check} did not notice the tampering"
    assert any(expected in p for p in problems), "\n".join(problems)
