"""The validated course: settings, pages in order, banks and the evaluation form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .banks import Bank, EvaluationForm, bank_id_of, load_bank, load_evaluation
from .errors import CourseError
from .pages import CoursePage, PageSource, read_course_page
from .settings import CourseSettings


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


def build_course(settings: CourseSettings, sources: list[PageSource], banks_dir: Path, banks_label: str) -> Course:
    """Read every page and bank, then check that they fit together."""
    pages = tuple(p for p in (read_course_page(s) for s in sources) if p is not None)
    if not any(p.role == "module" for p in pages):
        raise CourseError(sources[0].src if sources else "docs/", None, "the course has no module: give a page 'course: {role: module, ...}' in its front matter")
    _one_page_per_role(pages)
    files = _bank_files(banks_dir, banks_label)
    available = ", ".join(sorted(files)) or "none"
    banks: dict[str, Bank] = {}
    evaluation: EvaluationForm | None = None
    for page in pages:
        wanted = page.bank or page.form
        if wanted is None:
            continue
        if wanted not in files:
            raise CourseError(page.src, page.bank_line, f"there is no bank '{wanted}': expected the file {banks_label}/{wanted}.yml (banks found: {available})")
        path, label = files.pop(wanted)
        if page.form:
            evaluation = load_evaluation(path, label)
        else:
            banks[wanted] = load_bank(path, label)
    if files:
        name = sorted(files)[0]
        raise CourseError(files[name][1], None, f"no page uses the bank '{name}': name it in a page's front matter (course.bank: {name}) or delete the file")
    course = Course(settings, pages, banks, evaluation)
    _check_requirements(course)
    _check_covers(course)
    _check_reading_load(course)
    return course


def _bank_files(banks_dir: Path, label: str) -> dict[str, tuple[Path, str]]:
    if not banks_dir.is_dir():
        return {}
    found: dict[str, tuple[Path, str]] = {}
    for path in sorted(banks_dir.iterdir()):
        if path.suffix == ".yaml":
            raise CourseError(f"{label}/{path.name}", None, "name bank files with the '.yml' extension")
        if path.suffix == ".yml":
            found[bank_id_of(path)] = (path, f"{label}/{path.name}")
    return found


def _one_page_per_role(pages: tuple[CoursePage, ...]) -> None:
    for role in ("post-test", "evaluation", "certificate"):
        same = [p for p in pages if p.role == role]
        if len(same) > 1:
            raise CourseError(same[1].src, None, f"only one page may have role '{role}'; {same[0].src} has it already")
    banks = [p for p in pages if p.bank]
    for i, page in enumerate(banks):
        for other in banks[:i]:
            if other.bank == page.bank:
                raise CourseError(page.src, page.bank_line, f"bank '{page.bank}' is already used by {other.src}; each page has its own bank")


def _check_requirements(course: Course) -> None:
    req = course.settings.requirements
    for needed, role in ((req.post_test, "post-test"), (req.evaluation, "evaluation")):
        if needed and course.page_with_role(role) is None:
            raise CourseError(
                course.settings.file, course.settings.lines.get("requirements") or course.settings.lines.get(""),
                f"extra.course.requirements asks for a {role} but no page has 'course: {{role: {role}}}'; add the page or set requirements.{role.replace('-', '_')}: false",
            )


def _check_covers(course: Course) -> None:
    slugs = {m.slug for m in course.modules}
    for bank in course.banks.values():
        for question in bank.questions:
            if question.covers is not None and question.covers not in slugs:
                raise CourseError(bank.file, question.line, f"'covers: {question.covers}' names no module; modules are: {', '.join(sorted(slugs))}")


def _check_reading_load(course: Course) -> None:
    if course.module_words < course.required_words:
        s = course.settings
        raise CourseError(
            s.file, s.lines.get("ce_hours"),
            f"extra.course.ce_hours is {s.ce_hours:g} but the modules hold {course.module_words} words; "
            f"{s.ce_hours:g} hours need at least {course.required_words} ({s.words_per_ce_hour} words per CE hour): "
            "lower ce_hours or add module text",
        )
