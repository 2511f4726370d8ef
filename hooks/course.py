"""MkDocs hooks that turn configuration and content into the course.

Data flows one way: mkdocs.yml `extra.course` -> settings (on_config); pages'
front matter + quizzes/*.yml -> validated course model (on_nav); model -> page
Markdown (on_page_markdown), stable quiz ids (on_page_content), asset links
(on_post_page) and the manifest (on_post_build). All logic lives in coursekit;
this file is glue, and every CourseError becomes a clean build failure.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import jinja2
import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coursekit import csp, markers, offline, render, signing  # noqa: E402
from coursekit.assets import Asset, own_assets, quiz_assets  # noqa: E402
from coursekit.errors import CourseError  # noqa: E402
from coursekit.i18n import Catalogue, effective_catalogue  # noqa: E402
from coursekit.manifest import MANIFEST_URL, manifest_json  # noqa: E402
from coursekit.nav import check_nav  # noqa: E402
from coursekit.model import Course, banks_folder, build_course, published_bank_problem  # noqa: E402
from coursekit.signature import check_signature  # noqa: E402
from coursekit.pages import CoursePage, PageSource  # noqa: E402
from coursekit.pdf_fonts import files_for_text, pdf_font_assets  # noqa: E402
from coursekit.project import Project  # noqa: E402
from coursekit.settings import CourseSettings, parse_settings  # noqa: E402
from coursekit.quiz import adapter  # noqa: E402
from coursekit.yaml_source import LayeredSource, PathKey, load_config_chain  # noqa: E402

F = TypeVar("F", bound=Callable[..., Any])
_log = logging.getLogger("mkdocs.plugins.course")


class _State:
    settings: CourseSettings | None = None
    catalogue: Catalogue | None = None  # the interface's texts in theme.language, with the organizer's overrides
    direction = "ltr"  # the theme's text direction, repeated on <html>
    course: Course | None = None
    quiz_assets: dict[str, Asset] = {}
    own_assets: dict[str, Asset] = {}
    to_html: Callable[[str], str] | None = None
    csp_extension: dict[str, tuple[str, ...]] = {}  # the organizer's additions to every page's policy
    policed_pages = 0
    serving = False  # `mkdocs serve`: no offline worker (it would hide live edits)


def _course_errors(function: F) -> F:
    """Turn a CourseError into MkDocs' clean 'Error: ...; Aborted' exit, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except CourseError as error:
            raise PluginError(f"Course error in {error}") from None

    return wrapper  # type: ignore[return-value]


def on_startup(command: str, dirty: bool) -> None:
    _State.serving = command == "serve"


@event_priority(50)
@_course_errors
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Settings come from MkDocs' loaded config (INHERIT merged, !ENV resolved); lines from the files.
    doc = _config_source(config)
    extra = doc.root().child("extra")
    if "course" not in extra.raw:
        file, line = doc.locate(("extra",))
        written = any(("extra",) in layer.lines for layer in doc.docs)
        raise CourseError(file, line if written else None, "add an 'extra: course:' block with the course settings (see README, 'Configure the course')")
    _State.settings = parse_settings(extra.child("course"), site_name=config.site_name)
    _State.catalogue = _catalogue(config, doc, _State.settings)
    _State.direction = _theme_direction(config)
    banks_folder(_State.settings, _project(config))
    check_signature(_State.settings, _project(config))  # the signer's image: a PNG or JPEG in docs/
    _check_quiz_plugin(config, doc)
    adapter.add_translations(config.plugins["mkdocs_quiz"].config, str(config.theme["language"]))
    _State.quiz_assets = quiz_assets()
    _State.own_assets = own_assets()
    _State.to_html = None
    _State.csp_extension, _State.policed_pages = dict(_State.settings.content_security_policy or {}), 0
    return config


@_course_errors
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _refuse_published_banks(files, config)
    for asset in list(_State.quiz_assets.values()) + list(_State.own_assets.values()) + pdf_font_assets():
        files.append(File.generated(config, asset.url, content=asset.content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@_course_errors
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    assert _State.settings is not None
    check_nav(config.nav, _config_source(config), lambda path: files.get_file_from_path(path) is not None)
    in_nav = list(dict.fromkeys(p.file for p in nav.pages))
    others = [f for f in files.documentation_pages() if f not in in_nav]
    docs_label = Path(config.docs_dir).name
    sources = [
        PageSource(src=f"{docs_label}/{f.src_uri}", uri=f.src_uri, url=f.url, text=_page_text(f, config))
        for f in in_nav + others
    ]
    project = _project(config)
    fences = any(name in str(extension) for extension in config.markdown_extensions for name in ("fenced_code", "superfences"))
    _State.course = build_course(_State.settings, sources, project, fences=fences)
    signing.check_signing(_State.course, project)  # a signing course has a verify page and a readable revocation list
    listed = {f.src_uri for f in in_nav}
    for page in _State.course.pages:
        if page.uri not in listed:
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
        adapter.enable_on_page(page.meta)

    strings = _strings()

    def expand(name: str, questions: tuple[str, ...]) -> str:  # markers were checked when the course was read (on_nav)
        if name in ("knowledge-check", "check") and bank is not None:  # the final check, or questions placed inline
            return adapter.bank_markdown(bank, bank.title if name == "knowledge-check" else None, questions)
        if name == "details":
            return render.course_details_markdown(course, strings)
        if name == "modules":
            return render.modules_markdown(course, page.url, strings)
        if name == "overview":
            return render.overview_html(course, page.url, strings)
        return render.widget_slot(name)

    markdown = markers.expand_markers(markdown, role, expand, [q.id for q in bank.questions] if bank else ())
    if role == "module" and course_page is not None:
        markdown = _after_first_heading(markdown, render.objectives_markdown(course_page, strings))
    return markdown


@event_priority(-50)  # after mkdocs-quiz has rendered the quizzes
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    course = _State.course
    assert course is not None
    course_page = _course_page(course, page, config)
    if course_page is None:
        return html
    # A place for progress.js's position line, reserved so that filling it shifts nothing.
    html = re.sub(r"(</h1>)", r'\1\n<p class="course-position"></p>', html, count=1)
    if course_page.role == "post-test" and course_page.bank:
        form = render.post_test_html(course.banks[course_page.bank], _markdown_converter(config), _strings())
        html = render.fill_slot(html, "post-test", form)
    if course_page.role == "evaluation" and course.evaluation is not None:
        html = render.fill_slot(html, "evaluation", render.evaluation_html(course.evaluation, _strings()))
    if course_page.role == "module" and course_page.bank:
        html = adapter.finish_html(html, course.banks[course_page.bank], _strings())
    return html


@_course_errors
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    own = _State.own_assets
    head = [
        f'<link rel="stylesheet" href="{get_relative_url(own["course.css"].url, page.url)}">',
        f'<script type="module" src="{get_relative_url(own["course.js"].url, page.url)}"></script>',
        offline.page_meta(_offline()),
    ]
    if adapter.enabled_on_page(page.meta):
        css, js = _State.quiz_assets["css"], _State.quiz_assets["js"]
        head += [
            f'<link rel="stylesheet" href="{get_relative_url(css.url, page.url)}">',
            f'<link rel="stylesheet" href="{get_relative_url(own["module.css"].url, page.url)}">',  # after quiz.css: ours win
            f'<script src="{get_relative_url(own["quiz-guard.js"].url, page.url)}" '
            f'data-storage-prefix="{adapter.STORAGE_PREFIX}" defer></script>',
            f'<script src="{get_relative_url(js.url, page.url)}" defer></script>',
        ]
    output = output.replace("</head>", "\n".join(head) + "\n</head>", 1)
    notice = offline.file_notice_html(_strings())  # opened from disk, no course script runs: say so
    output = re.sub(r"(<body\b[^>]*>)", lambda body: body[1] + notice, output, count=1)
    output = _with_direction(output)
    return _with_policy(output, f"{Path(config.docs_dir).name}/{page.file.src_uri}")  # last: it hashes the final inline scripts


@event_priority(-100)  # last: the offline worker lists every file the build and plugins wrote
@_course_errors
def on_post_build(config: MkDocsConfig) -> None:
    assert _State.course is not None
    manifest = manifest_json(_State.course, _strings())
    (Path(config.site_dir) / MANIFEST_URL).write_text(manifest, encoding="utf-8")
    for name, text in signing.published_files(_State.course, _project(config)).items():  # keys and revocations
        (Path(config.site_dir) / name).write_text(text, encoding="utf-8")
    _police_other_html(config)
    # The PDF fonts of the scripts the course itself is written in go into the precache: its certificate works offline.
    keep = files_for_text(Path(config.site_dir), " ".join(_strings().strings.values()) + manifest)
    precache = offline.write_worker(Path(config.site_dir), enabled=_offline(), keep=keep)  # last: it hashes every file
    if precache is not None:
        _log.info(f"offline: {offline.describe(precache)}")


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
    """`mkdocs serve` adds a live-reload <script> to every page it sends, different in each
    response (MkDocs 1.6.1: LiveReloadServer._inject_js_into_html): allow exactly that one
    script in that one response. Built sites (`mkdocs build`) never get this."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        _log.warning("the Content-Security-Policy will block live reload: this MkDocs has no "
                     "LiveReloadServer._inject_js_into_html to follow (hooks/course.py, on_serve)")
        return server

    def inject_and_allow(content: bytes, epoch: int) -> bytes:
        page = inject(content, epoch).decode("utf-8", "surrogateescape")
        return csp.allow_current_scripts(page).encode("utf-8", "surrogateescape")

    server._inject_js_into_html = inject_and_allow
    return server


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _catalogue(config: MkDocsConfig, source: LayeredSource, settings: CourseSettings) -> Catalogue:
    """The interface's texts in theme.language (Material's and mkdocs-quiz's language too)."""
    overrides = dict(settings.strings or {})
    return effective_catalogue(
        str(config.theme["language"]), overrides, language_at=source.locate(("theme", "language")),
        override_at={key: settings.where("strings", key) for key in overrides})


def _offline() -> bool:
    """Whether pages register the offline worker: the organizer's `offline`, never under `mkdocs serve`."""
    assert _State.settings is not None
    return _State.settings.offline and not _State.serving


def _strings() -> Catalogue:
    assert _State.catalogue is not None  # set in on_config
    return _State.catalogue


def _theme_direction(config: MkDocsConfig) -> str:
    """The direction Material writes on <body>: theme.direction, else its language's own (rtl for Arabic)."""
    if config.theme.get("direction"):
        return str(config.theme["direction"])
    template = '{% import "partials/language.html" as lang with context %}{{ lang.t("direction") }}'
    try:
        return config.theme.get_env().from_string(template).render(config=config).strip() or "ltr"
    except jinja2.TemplateError:  # a theme without Material's language partials
        return "ltr"


def _with_direction(html: str) -> str:
    """Material sets dir on <body> only; <html> carries it too, so the whole document (and its scroll bar) follows it."""
    return re.sub(r"<html\b(?![^>]*\sdir=)", f'<html dir="{_State.direction}"', html, count=1)


def _with_policy(html: str, label: str) -> str:
    """The page with its Content-Security-Policy <meta> (coursekit/csp.py)."""
    policed = csp.add_policy(html, page=label, extension=_State.csp_extension)
    if policed.blocked_styles:
        _log.warning(f"{label}: the page's Content-Security-Policy blocks its style attribute(s) "
                     f"{', '.join(sorted(set(policed.blocked_styles))[:3])}; give the element a class "
                     "(attr_list: '{ .name }') and style it in a stylesheet (extra_css)")
    _State.policed_pages += 1
    return policed.html


def _police_other_html(config: MkDocsConfig) -> None:
    """Every HTML file carries the policy, also those no page event saw: the theme's
    404.html and HTML files copied unchanged from docs/."""
    site, docs = Path(config.site_dir), Path(config.docs_dir)
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if f'http-equiv="{csp.META_NAME}"' in html:
            continue
        relative = path.relative_to(site).as_posix()
        label = f"{docs.name}/{relative}" if (docs / relative).is_file() else f"{relative} (theme template)"
        path.write_text(_with_policy(html, label), encoding="utf-8")
    if _State.csp_extension:
        _log.info(f"Content-Security-Policy: mkdocs.yml's content_security_policy adds "
                  f"{csp.describe_extension(_State.csp_extension)} on all {_State.policed_pages} pages")


def _check_quiz_plugin(config: MkDocsConfig, source: LayeredSource) -> None:
    plugin = config.plugins.get("mkdocs_quiz")
    if plugin is None:
        file, line = source.locate(("plugins",))
        raise CourseError(file, line, "the course needs the 'mkdocs_quiz' plugin under 'plugins:'")
    entry = _plugin_entry(source, "mkdocs_quiz")
    for option, value in adapter.REQUIRED_OPTIONS.items():
        if plugin.config.get(option) != value:
            file, line = source.locate(entry + (option,))
            raise CourseError(file, line, f"set 'mkdocs_quiz: {option}: {str(value).lower()}' under plugins (the course relies on it)")


def _config_source(config: MkDocsConfig) -> LayeredSource:
    """MkDocs' loaded settings, located in mkdocs.yml or the file it INHERITs them from."""
    data = {"extra": dict(config.extra), "nav": config.nav}
    if not config.config_file_path:
        return LayeredSource((), data)
    return load_config_chain(Path(config.config_file_path), data)


def _plugin_entry(source: LayeredSource, name: str) -> PathKey:
    """The path of a plugin's entry under 'plugins:' (a list of names or one-key mappings, or a mapping)."""
    for layer in source.docs:
        plugins = layer.data.get("plugins") if isinstance(layer.data, dict) else None
        if isinstance(plugins, dict):
            return ("plugins", name)
        for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
            if entry == name:
                return ("plugins", index)
            if isinstance(entry, dict) and name in entry:
                return ("plugins", index, name)
    return ("plugins",)


def _page_text(file: File, config: MkDocsConfig) -> str:
    """A page's Markdown; a file MkDocs cannot read (not UTF-8, a broken link) is a course error."""
    try:
        return file.content_string
    except (UnicodeDecodeError, OSError):
        return _project(config).read_text(Path(file.abs_src_path))


def _project(config: MkDocsConfig) -> Project:
    return Project(root=Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir))


def _refuse_published_banks(files: Files, config: MkDocsConfig) -> None:
    """A question bank under docs/ would be copied into the site with its answers."""
    for file in files:
        if file.generated_by or not file.abs_src_path or file.inclusion.is_excluded():
            continue
        if file.src_uri.endswith((".yml", ".yaml")):
            found = published_bank_problem(Path(file.abs_src_path).read_bytes().decode("utf-8", "replace"))
            if found:
                raise CourseError(f"{Path(config.docs_dir).name}/{file.src_uri}", *found)


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
