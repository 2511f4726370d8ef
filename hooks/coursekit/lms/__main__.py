"""`python -m coursekit.lms` (with hooks/ on the path): build the course and its LMS packages.

    PYTHONPATH=hooks .venv/bin/python -m coursekit.lms                 # site/ and the three zips beside it
    PYTHONPATH=hooks .venv/bin/python -m coursekit.lms --only scorm12  # one package

A mistake the organizer can fix is printed as "file:line: message" with exit
status 1, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import CourseError, run_command
from . import STANDARDS
from .facts import read_facts
from .launch import DEFAULT_CMI5_CONNECT
from .package import package_name, write_package
from .sitebuild import build_package_site, build_site


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config = Path(args.config).resolve()
    site = Path(args.site_dir).resolve() if args.site_dir else config.parent / "site"
    out = Path(args.out).resolve() if args.out else site.parent
    standards = args.only or list(STANDARDS)
    return run_command(lambda: _build(args, config, site, out, standards))


def _build(args: argparse.Namespace, config: Path, site: Path, out: Path, standards: list[str]) -> int:
    if not config.is_file():
        raise CourseError(args.config, None, "no such configuration file")
    build_site(config, site)
    print(f"site: {site}")
    with tempfile.TemporaryDirectory(prefix="course-lms-") as scratch:
        packaged = Path(scratch) / "site"
        build_package_site(config, packaged)
        facts = read_facts(packaged, site_url=_site_url(site))
        for standard in dict.fromkeys(standards):
            target = write_package(packaged, facts, standard, out / package_name(standard),
                                   cmi5_connect=tuple(args.cmi5_connect or DEFAULT_CMI5_CONNECT))
            print(f"{standard}: {target}")
    return 0


def _site_url(site: Path) -> str:
    """The organizer's site_url, as the ordinary build wrote it into the sitemap ('' when unset)."""
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else ""
    start = text.find("<loc>")
    return text[start + 5: text.find("</loc>", start)].strip() if start >= 0 else ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m coursekit.lms",
        description="Build the course (as `mkdocs build --strict`) and write its LMS packages beside the site: "
                    "scorm12.zip, scorm2004.zip, cmi5.zip.")
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="the course's mkdocs.yml (default: mkdocs.yml)")
    parser.add_argument("-d", "--site-dir", help="where the ordinary site goes (default: site/ beside mkdocs.yml)")
    parser.add_argument("--out", help="where the zips go (default: the folder that holds the site)")
    parser.add_argument("--only", action="append", choices=STANDARDS,
                        help="write only this package (repeat for several)")
    parser.add_argument("--cmi5-connect", action="append", metavar="SOURCE",
                        help="what the cmi5 launch page may connect to (the LMS's xAPI endpoint): "
                             "'https:' (the default) or an origin such as https://lms.example.org; repeatable")
    return parser


if __name__ == "__main__":
    sys.exit(main())
