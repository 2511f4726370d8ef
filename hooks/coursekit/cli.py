"""The organizer's command line: start a course, add a module.

    PYTHONPATH=hooks .venv/bin/python -m coursekit new-course ../my-course --title "Ethics in Practice"
    PYTHONPATH=hooks .venv/bin/python -m coursekit add-module boundaries --title "Boundaries" --course ../my-course

(`make new-course` and `make add-module` run the same.) Standard library only; the
work is done by scaffold.py. A mistake the organizer can fix is printed as
"file:line: message" with exit status 1, never as a traceback.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Sequence

from . import scaffold
from .errors import run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return run_command(lambda: _new_course(args) if args.command == "new-course" else _add_module(args))


def _new_course(args: argparse.Namespace) -> int:
    course = scaffold.NewCourse(
        title=args.title.strip(),
        course_id=args.course_id or scaffold.course_id_for(args.title),
        provider=args.provider or scaffold.NewCourse.provider,
        hours=args.hours,
    )
    written = scaffold.new_course(args.directory, course, replace=args.replace)
    root = args.directory.resolve()
    _list("Created the course", written, root)
    at_root = root == scaffold.REPOSITORY
    serve = "make serve" if at_root else f"cd {shlex.quote(str(root))} && {shlex.quote(sys.executable)} -m mkdocs serve"
    add = _make("add-module", **({} if at_root else {"COURSE": str(root)}), SLUG="<file-name>", TITLE="<Module title>")
    print(f"""
Course id: {course.course_id} (it names the learner's stored progress: keep it once learners have started)
Next:
  1. Fill in every TODO: mkdocs.yml (extra: course), docs/ and quizzes/.
  2. Add modules:  {add}
  3. See it:       {serve}
     and the sample certificate at <site>/certificate/#preview
  4. Before learners earn credit, set 'rules: apa' (or nasw) in mkdocs.yml: the build then checks the CE rules.""")
    return 0


def _add_module(args: argparse.Namespace) -> int:
    written = scaffold.add_module(args.course, args.slug, args.title.strip())
    root = args.course.resolve()
    _list(f"Added the module '{args.slug}'", written, root)
    print(f"""
Next: write the page and its knowledge check, and give the post-test a question with 'covers: {args.slug}'.""")
    return 0


def _list(heading: str, paths: list[Path], root: Path) -> None:
    print(f"{heading} in {scaffold.label(root)}:")
    for path in sorted(paths):
        print(f"  {path.relative_to(root).as_posix()}")


def _make(target: str, **variables: str) -> str:
    """The make command for `target`, runnable from the working folder."""
    here = Path.cwd().resolve() == scaffold.REPOSITORY
    where = "" if here else f"-C {shlex.quote(str(scaffold.REPOSITORY))} "
    return f"make {where}{target} " + " ".join(f"{name}={shlex.quote(value)}" for name, value in variables.items())


# --------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m coursekit", description="Start a CE course, or add a module to one.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new-course", help="create a new, blank course that builds at once",
        description="Create a new course in DIRECTORY: mkdocs.yml with every setting the builder needs, the course "
                    "home, one module and its knowledge check, the post-test, the evaluation and the certificate page. "
                    "Run it at this repository's root with --replace to replace the sample course.")
    new.add_argument("directory", type=Path, help="the course folder (created if missing)")
    new.add_argument("--title", required=True, type=_title, help="the course title")
    new.add_argument("--id", dest="course_id", type=_course_id,
                     help="the course id (default: from the title); it names the learner's stored progress")
    new.add_argument("--provider", type=_title, help="the organization that offers the course")
    new.add_argument("--hours", type=_hours, default=1.0, help="CE credit in hours (default 1.0)")
    new.add_argument("--replace", action="store_true",
                     help="replace the course in DIRECTORY (its mkdocs.yml, docs and banks; never hooks/ or tests/)")

    module = commands.add_parser(
        "add-module", help="add a module page and its knowledge check",
        description="Write docs/<folder>/SLUG.md and <banks>/SLUG.yml and list the page in mkdocs.yml's nav "
                    "after the last module.")
    module.add_argument("slug", type=_slug, help="the module's file name, e.g. boundaries (lower-case words and '-')")
    module.add_argument("--title", required=True, type=_title, help="the module title")
    module.add_argument("--course", type=Path, default=Path("."), help="the course folder (default: here)")
    return parser


def _title(text: str) -> str:
    problem = scaffold.title_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def _course_id(text: str) -> str:
    if not scaffold.COURSE_ID.match(text):
        raise argparse.ArgumentTypeError(f"{text!r}: a course id has only letters, digits, '-' and '_'")
    return text


def _slug(text: str) -> str:
    if not scaffold.SLUG.match(text):
        raise argparse.ArgumentTypeError(f"{text!r}: use lower-case letters and digits joined by '-', e.g. 'ethics-101'")
    return text


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        hours = float("nan")
    if not hours > 0 or hours == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: CE hours are a positive number, e.g. 1.5")
    return hours
