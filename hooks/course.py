"""MkDocs hooks that turn configuration and content into the course.

Data flows one way: mkdocs.yml `extra.course` -> settings (on_config); pages'
front matter + quizzes/*.yml -> validated course model (on_nav); model -> page
Markdown (on_page_markdown), stable quiz ids (on_page_content), asset links
(on_post_page) and the manifest (on_post_build). All logic lives in coursekit;
this file is glue, and every CourseError becomes a clean build failure.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_quiz import plugin as quiz_plugin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coursekit import render  # noqa: E402
from coursekit.assets import Asset, own_assets, quiz_assets  # noqa: E402
from coursekit.errors import CourseError  # noqa: E402
from coursekit.manifest import MANIFEST_URL, manifest_json  # noqa: E402
from coursekit.model import Course, build_course  # noqa: E402
from coursekit.pages import CoursePage, PageSource  # noqa: E402
from coursekit.settings import CourseSettings, parse_settings  # noqa: E402
from coursekit.yaml_source import load_yaml  # noqa: E402

F = TypeVar("F", bound=Callable[..., Any])

# The quiz plugin's options this builder relies on (see README, "How quizzes work").
_REQUIRED_QUIZ_OPTIONS = {"embed_source": False, "enabled_by_default": False}
_WIDGET_ROLES = ("post-test", "evaluation", "certificate")
_MARKER = re.compile(r"<!--\s*course:([\w-]+)\s*-->")


class _State:
    settings: CourseSettings | None = None
    course: Course | None = None
    quiz_assets: dict[str, Asset] = {}
    own_assets: dict[str, Asset] = {}
    to_html: Callable[[str], str] | None = None


def _course_errors(function: F) -> F:
    """Turn a CourseError into MkDocs' clean 'Error: ...; Aborted' exit, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except CourseError as error:
            raise PluginError(f"Course error in {error}") from None

    return wrapper  # type: ignore[return-value]


@event_priority(50)
@_course_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config_file = Path(config.config_file_path)
    label = config_file.name
    text = config_file.read_text(encoding="utf-8")
    doc = load_yaml(text, label)
    if not isinstance(config.extra.get("course"), dict):
        raise CourseError(label, doc.line(("extra",)), "add an 'extra: course:' block with the course settings (see README, 'Configure the course')")
    _State.settings = parse_settings(doc.root().child("extra").child("course"), site_name=config.site_name)
    _check_quiz_plugin(config, label, doc.line(("plugins",)))
    _State.quiz_assets = quiz_assets()
    _State.own_assets = own_assets()
    _State.to_html = None
    return config


@_course_errors
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in list(_State.quiz_assets.values()) + list(_State.own_assets.values()):
        files.append(File.generated(config, asset.url, content=asset.content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@_course_errors
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    assert _State.settings is not None
    in_nav = [p.file for p in nav.pages]
    others = [f for f in files.documentation_pages() if f not in in_nav]
    docs_label = Path(config.docs_dir).name
    sources = [
        PageSource(src=f"{docs_label}/{f.src_uri}", uri=f.src_uri, url=f.url, text=f.content_string)
        for f in in_nav + others
    ]
    root = Path(config.config_file_path).parent
    _State.course = build_course(_State.settings, sources, root / _State.settings.banks_dir, _State.settings.banks_dir)
    for page in _State.course.pages:
        if page.uri not in {f.src_uri for f in in_nav}:
            raise CourseError(page.src, None, "this course page is not listed under 'nav' in mkdocs.yml; add it so learners can reach it")
    return nav


@event_priority(50)  # before mkdocs-quiz (priority 0) reads the <quiz> blocks we write
@_course_errors
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    course = _State.course
    assert course is not None
    course_page = _course_page(course, page, config)
    role = course_page.role if course_page else None
    bank = course.banks.get(course_page.bank) if course_page and course_page.bank else None
    if role == "module" and bank is not None:
        page.meta["quiz"] = {**(page.meta.get("quiz") or {}), "enabled": True}
        if "<!-- course:knowledge-check -->" not in markdown:
            markdown += "\n\n<!-- course:knowledge-check -->\n"
    elif role in _WIDGET_ROLES and f"<!-- course:{role} -->" not in markdown:
        markdown += f"\n\n<!-- course:{role} -->\n"

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "knowledge-check" and role == "module" and bank is not None:
            return render.bank_markdown(bank, bank.title)
        if name == "details":
            return render.course_details_markdown(course)
        if name == "modules":
            return render.modules_markdown(course, page.file.src_uri)
        if name == "progress" or name == role:
            return match.group(0)  # a browser widget, filled in on_page_content
        line = markdown.count("\n", 0, match.start()) + 1
        raise CourseError(f"{Path(config.docs_dir).name}/{page.file.src_uri}", line, f"the marker '<!-- course:{name} -->' does not apply to this page")

    markdown = _MARKER.sub(expand, markdown)
    if role == "module" and course_page is not None:
        markdown = _after_first_heading(markdown, render.objectives_markdown(course_page))
    return markdown


@event_priority(-50)  # after mkdocs-quiz has rendered the quizzes
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    course = _State.course
    assert course is not None
    course_page = _course_page(course, page, config)
    html = html.replace("<!-- course:progress -->", '<div class="course-progress" data-course-widget="progress"></div>')
    if course_page is None:
        return html
    # A place for progress.js's position line, reserved so that filling it shifts nothing.
    html = re.sub(r"(</h1>)", r'\1\n<p class="course-position"></p>', html, count=1)
    if course_page.role == "post-test" and course_page.bank:
        form = render.post_test_html(course.banks[course_page.bank], _markdown_converter(config))
        return html.replace("<!-- course:post-test -->", form)
    if course_page.role == "evaluation" and course.evaluation is not None:
        return html.replace("<!-- course:evaluation -->", render.evaluation_html(course.evaluation))
    if course_page.role == "certificate":
        return html.replace("<!-- course:certificate -->", '<div class="course-certificate" data-course-widget="certificate"></div>')
    if not course_page.bank:
        return html
    html = render.stable_quiz_ids(html, course.banks[course_page.bank])
    # Answers and explanations stay out of the search index.
    html = html.replace('<div class="answer-feedback hidden">', '<div class="answer-feedback hidden" data-search-exclude>')
    html = html.replace('<section class="content hidden">', '<section class="content hidden" data-search-exclude>')
    # The plugin's inlined stylesheet and script; on_post_page links the cached files instead.
    return html.replace(quiz_plugin.style, "").replace(quiz_plugin.js_script, "")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    own = _State.own_assets
    head = [
        f'<link rel="stylesheet" href="{get_relative_url(own["course.css"].url, page.url)}">',
        f'<script type="module" src="{get_relative_url(own["course.js"].url, page.url)}"></script>',
    ]
    if (page.meta.get("quiz") or {}).get("enabled"):
        css, js = _State.quiz_assets["css"], _State.quiz_assets["js"]
        head += [
            f'<link rel="stylesheet" href="{get_relative_url(css.url, page.url)}">',
            f'<script src="{get_relative_url(own["quiz-guard.js"].url, page.url)}" defer></script>',
            f'<script src="{get_relative_url(js.url, page.url)}" defer></script>',
        ]
    return output.replace("</head>", "\n".join(head) + "\n</head>", 1)


def on_post_build(config: MkDocsConfig) -> None:
    assert _State.course is not None
    (Path(config.site_dir) / MANIFEST_URL).write_text(manifest_json(_State.course), encoding="utf-8")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _check_quiz_plugin(config: MkDocsConfig, label: str, line: int | None) -> None:
    plugin = config.plugins.get("mkdocs_quiz")
    if plugin is None:
        raise CourseError(label, line, "the course needs the 'mkdocs_quiz' plugin under 'plugins:'")
    for option, value in _REQUIRED_QUIZ_OPTIONS.items():
        if plugin.config.get(option) != value:
            raise CourseError(label, line, f"set 'mkdocs_quiz: {option}: {str(value).lower()}' under plugins (the course relies on it)")


def _course_page(course: Course, page: Page, config: MkDocsConfig) -> CoursePage | None:
    return course.page_for(f"{Path(config.docs_dir).name}/{page.file.src_uri}")


def _markdown_converter(config: MkDocsConfig) -> Callable[[str], str]:
    """Markdown to HTML with the site's extensions, for text the forms show."""
    if _State.to_html is None:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

        def convert(text: str) -> str:
            md.reset()
            return md.convert(text)

        _State.to_html = convert
    return _State.to_html


def _after_first_heading(markdown: str, block: str) -> str:
    match = re.search(r"^# .*$", markdown, re.M)
    if match is None:
        return block + "\n" + markdown
    return markdown[: match.end()] + "\n\n" + block + markdown[match.end():]
