"""The validated course: settings, pages in order, banks and the evaluation form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import markers
from .banks import Bank, EvaluationForm, bank_id_of, check_draw, load_bank, load_evaluation
from .errors import CourseError
from .pages import CoursePage, PageSource, body_start, body_start_line, read_course_page
from .project import Project
from .rules import check_course
from .settings import CourseSettings
from .yaml_source import load_yaml, shorten

# Question types the post-test form can show and grade (it has no text inputs).
POST_TEST_TYPES = ("single", "multiple")
_BANK_KEY = re.compile(r"^(?:questions|scale)[ \t]*:", re.M)


@dataclass(frozen=True)
class Course:
    settings: CourseSettings
    pages: tuple[CoursePage, ...]
    banks: dict[str, Bank]
    evaluation: EvaluationForm | None

    @property
    def modules(self) -> tuple[CoursePage, ...]:
        return tuple(p for p in self.pages if p.role == "module")

    def page_with_role(self, role: str) -> CoursePage | None:
        return next((p for p in self.pages if p.role == role), None)

    def page_for(self, src: str) -> CoursePage | None:
        return next((p for p in self.pages if p.src == src), None)

    @property
    def module_words(self) -> int:
        return sum(p.words for p in self.modules)

    @property
    def required_words(self) -> int:
        return round(self.settings.ce_hours * self.settings.words_per_ce_hour)


def build_course(settings: CourseSettings, sources: list[PageSource], project: Project, *, fences: bool = True) -> Course:
    """Read every page and bank, then check that they fit together.

    `fences`: whether the site's Markdown has fenced code blocks (bank text keeps its code as code).
    """
    pages = tuple(p for p in (read_course_page(s) for s in sources) if p is not None)
    if not any(p.role == "module" for p in pages):
        raise CourseError(sources[0].src if sources else project.label(project.docs_dir), None,
                          "the course has no module: give a page 'course: {role: module, ...}' in its front matter")
    _one_page_per_role(pages)
    _unique_module_slugs(pages)
    banks_dir = banks_folder(settings, project)
    files = _bank_files(banks_dir, project)
    available = ", ".join(sorted(files)) or "none"
    banks: dict[str, Bank] = {}
    evaluation: EvaluationForm | None = None
    used_by: dict[str, CoursePage] = {}
    for page in pages:
        key = "form" if page.form else "bank"
        wanted = page.form or page.bank
        if wanted is None:
            continue
        line = page.lines.get(key)
        if wanted in used_by:
            raise CourseError(page.src, line, f"the {key} '{wanted}' is already used by {used_by[wanted].src}; each page has its own file")
        if wanted not in files:
            what = "evaluation form" if key == "form" else "bank"
            where = project.label(banks_dir / f"{wanted}.yml")
            missing = "" if banks_dir.is_dir() else f"; the folder {project.label(banks_dir)}/ does not exist"
            raise CourseError(page.src, line, f"there is no {what} '{shorten(wanted)}': expected the file {shorten(where, 100)} (banks found: {available}){missing}")
        used_by[wanted] = page
        path = files.pop(wanted)
        text = project.read_text(path)
        try:
            if page.form:
                evaluation = load_evaluation(path, project.label(path), text)
            else:
                banks[wanted] = load_bank(path, project.label(path), text, fences=fences)
        except CourseError:
            _check_kind(page, key, line, text)  # a form named as a bank, or a bank as the form
            raise
    if files:
        name = sorted(files)[0]
        raise CourseError(project.label(files[name]), None, f"no page uses the bank '{name}': name it in a page's front matter (course.bank: {name}) or delete the file")
    course = Course(settings, pages, banks, evaluation)
    for page in course.modules:  # questions placed beside their sections (`course:check`): the bank's own, each once
        text, bank = next(s.text for s in sources if s.src == page.src), banks[page.bank or ""]
        markers.check_placements(text[body_start(text):], page.src, [q.id for q in bank.questions], bank.file,
                                 first_line=body_start_line(text))
    _check_requirements(course)
    _check_post_test(course)
    _check_covers(course)
    check_course(course, sources, project)  # the CE rules the organizer chose (rules.py)
    return course


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def banks_folder(settings: CourseSettings, project: Project) -> Path:
    """The banks folder, checked: inside the project and out of the published docs folder."""
    path = project.root / settings.banks_dir
    problem = project.folder_problem(settings.banks_dir)
    if problem is None and "banks_dir" in settings.written and not path.is_dir():
        problem = f"the folder '{settings.banks_dir}' does not exist next to mkdocs.yml; create it or correct the name"
    if problem:
        file, line = settings.where("banks_dir")
        raise CourseError(file, line, f"banks_dir: {problem}")
    return path


def published_bank_problem(text: str) -> tuple[int, str] | None:
    """(line, message) when a YAML file in the docs folder is a question bank or form: MkDocs would publish it."""
    match = _BANK_KEY.search(text)
    if match is None:
        return None
    return (text.count("\n", 0, match.start()) + 1,
            "this question bank is in the docs folder, which MkDocs publishes with the site, answers included: "
            "move it to the banks folder (extra.course.banks_dir)")


def _bank_files(banks_dir: Path, project: Project) -> dict[str, Path]:
    if not banks_dir.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(banks_dir.iterdir()):
        if path.suffix == ".yaml":
            raise CourseError(project.label(path), None, "name bank files with the '.yml' extension")
        if path.suffix == ".yml":
            project.check_file(path)
            found[bank_id_of(path)] = path
    return found


def _check_kind(page: CoursePage, key: str, line: int | None, text: str) -> None:
    """Name the page, not the file, when a page names an evaluation form as its bank or a bank as its form."""
    try:
        data = load_yaml(text, "bank").data
    except CourseError:
        return
    if not isinstance(data, dict):
        return
    name = page.form or page.bank
    if key == "bank" and "questions" not in data and {"scale", "items"} & set(data):
        raise CourseError(page.src, line, f"'{name}' is an evaluation form (it has 'scale' and 'items'), not a question bank; name this page's own bank")
    if key == "form" and "questions" in data and not {"scale", "items"} & set(data):
        raise CourseError(page.src, line, f"'{name}' is a question bank, not an evaluation form (which has 'scale' and 'items'); name the evaluation form")


# --------------------------------------------------------------------------
# Rules that span pages and banks
# --------------------------------------------------------------------------


def _one_page_per_role(pages: tuple[CoursePage, ...]) -> None:
    for role in ("post-test", "evaluation", "certificate", "verify"):
        same = [p for p in pages if p.role == role]
        if len(same) > 1:
            line = same[1].lines.get("role")
            raise CourseError(same[1].src, line, f"only one page may have role '{role}'; {same[0].src} has it already")


def _unique_module_slugs(pages: tuple[CoursePage, ...]) -> None:
    """A module is named by its file name (covers:, the manifest): two modules may not share one."""
    first: dict[str, CoursePage] = {}
    for page in pages:
        if page.role != "module":
            continue
        if page.slug in first:
            line = page.lines.get("role")
            raise CourseError(
                page.src, line,
                f"this module and {first[page.slug].src} have the same file name, so both would be the module "
                f"'{page.slug}' ('covers:' and the course manifest name modules by file name); rename one of them",
            )
        first[page.slug] = page


def _check_requirements(course: Course) -> None:
    req = course.settings.requirements
    for needed, role in ((req.post_test, "post-test"), (req.evaluation, "evaluation")):
        if needed and course.page_with_role(role) is None:
            name = role.replace("-", "_")
            file, line = course.settings.where("requirements", name)
            raise CourseError(
                file, line,
                f"extra.course.requirements asks for {'an' if role[0] in 'aeiou' else 'a'} {role} but no page has 'course: {{role: {role}}}'; add the page or set requirements.{name}: false",
            )


def _check_post_test(course: Course) -> None:
    """The post-test form shows choices only: a fill question there could never be answered."""
    page = course.page_with_role("post-test")
    if page is None or page.bank is None:
        return
    bank = course.banks[page.bank]
    for question in bank.questions:
        if question.type not in POST_TEST_TYPES:
            raise CourseError(
                bank.file, question.key_lines.get("type", question.line),
                f"the post-test ({page.src}) takes {' and '.join(POST_TEST_TYPES)} questions only, not '{question.type}'; "
                "rewrite this question as a choice or move it to a module's bank",
            )


def _check_covers(course: Course) -> None:
    slugs = {m.slug for m in course.modules}
    post_test = course.page_with_role("post-test")
    for name, bank in course.banks.items():
        for question in bank.questions:
            if question.covers is None:
                continue
            line = question.key_lines.get("covers", question.line)
            if post_test is None or post_test.bank != name:
                raise CourseError(bank.file, line, "'covers' says which module a post-test question tests; this bank is not the post-test's: delete it")
            if question.covers not in slugs:
                raise CourseError(bank.file, line, f"'covers: {shorten(question.covers)}' names no module; modules are: {', '.join(sorted(slugs))}")
        check_draw(bank, post_test=post_test.src if post_test is not None and post_test.bank == name else None)
