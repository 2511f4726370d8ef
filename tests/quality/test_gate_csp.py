"""Content-Security-Policy gate: the browser enforces what the course promises.

Every HTML file of the built course carries exactly one policy <meta>, first in
<head>, that lets run only this site's script files and the page's own inline
scripts (by hash) and names no other host. In Chromium the whole course works
under it (every page, search, dark mode, a knowledge check, the post-test, the
evaluation, the certificate and its PDF, the progress export) with no violation
and no console error; injected script is refused and reported; and `mkdocs serve`
keeps live reload working under the policy.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))

from cert_helpers import download, issue, open_certificate, pdf_text, seed_course  # noqa: E402
from quality_helpers import answer_all, search_word, settle  # noqa: E402
from support import ROOT, color_schemes, copy_mini_course, course_page_urls, edit, has_palette_toggle, mkdocs_build, serve, stop  # noqa: E402

META = "Content-Security-Policy"
# Sources a policy of the course may hold without the organizer asking: no host, nothing unsafe.
OWN_SOURCES = {"'self'", "'none'"}
# The one scheme source, and where (Material's CSS icons are data: SVG images).
SCHEME_SOURCES = {"img-src": {"data:"}}
EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}

# Records every policy violation of every document into window.__csp, and reports it to the test.
REPORT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const violation = { directive: event.effectiveDirective, blocked: event.blockedURI,
                      where: location.pathname, line: event.lineNumber };
  window.__csp.push(violation);
  if (window.__cspReport) window.__cspReport(violation);
});
"""


# --------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------


class _Page(html.parser.HTMLParser):
    """What a policy depends on, read independently of coursekit/csp.py."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.head_order: list[str] = []  # start tags inside <head>, in order ("meta:csp" for a policy)
        self.policies: list[str] = []
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.style_attributes: list[str] = []
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        if "style" in values:
            self.style_attributes.append(f"<{tag} style={values['style']!r}>")
        is_policy = tag == "meta" and values.get("http-equiv", "").lower() == META.lower()
        if is_policy:
            self.policies.append(values.get("content", ""))
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.head_order.append("meta:csp" if is_policy else "meta:charset" if "charset" in values else tag)
        if tag == "script" and "src" not in values and values.get("type", "").lower() in EXECUTABLE_TYPES:
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def _read(path: Path) -> _Page:
    parsed = _Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def _directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_html_file_carries_one_strict_policy_first_in_head(built_site: Path) -> None:
    files = _html_files(built_site)
    assert {built_site / url / "index.html" for url in course_page_urls()} <= set(files) and built_site / "404.html" in files
    for path in files:
        name = path.relative_to(built_site).as_posix()
        page = _read(path)
        assert len(page.policies) == 1, f"{name}: {len(page.policies)} policy <meta> elements"
        assert page.head_order[:2] == ["meta:charset", "meta:csp"], f"{name}: head starts {page.head_order[:4]}"
        directives = _directives(page.policies[0])
        assert not {"frame-ancestors", "report-uri", "sandbox"} & directives.keys(), f"{name}: header-only directive"
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
        assert directives["default-src"] == ["'self'"]
        for directive, sources in directives.items():
            allowed = OWN_SOURCES | SCHEME_SOURCES.get(directive, set())
            foreign = [s for s in sources if s not in allowed and not s.startswith("'sha256-")]
            assert foreign == [], f"{name}: {directive} allows {foreign}"
        script_src = directives["script-src"]
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"} & set(script_src), name
        # Exactly the page's own inline scripts are allowed: each by the hash of its text.
        assert sorted(s for s in script_src if s.startswith("'sha256-")) == sorted({_hash(t) for t in page.inline_scripts}), name
        assert page.inline_scripts, f"{name}: Material writes inline scripts; found none, so this check saw nothing"
        assert page.handlers == [], f"{name}: inline event handlers {page.handlers}"
        assert page.style_attributes == [], f"{name}: style attributes {page.style_attributes[:3]}"


def test_quiz_pages_keep_the_forms_and_lose_the_inline_handlers(built_site: Path) -> None:
    """mkdocs-quiz writes onsubmit="return false;" on every quiz form: gone, while the forms stay."""
    module = next(p for p in _html_files(built_site) if 'class="quiz' in p.read_text(encoding="utf-8"))
    text = module.read_text(encoding="utf-8")
    assert text.count('<form action="javascript:void(0);"') >= 2
    assert "onsubmit" not in text


def test_an_organizer_can_allow_an_embed_and_nothing_unsafe(tmp_path: Path) -> None:
    course = copy_mini_course(tmp_path)
    config = course / "mkdocs.yml"
    edit(config, "    id: knots-101\n", "    id: knots-101\n    content_security_policy:\n      frame-src: [https://www.youtube-nocookie.com]\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=course, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"INFO .*Content-Security-Policy.*frame-src https://www\.youtube-nocookie\.com on all \d+ pages", result.stderr)
    for path in _html_files(tmp_path / "site"):
        (policy,) = _read(path).policies
        assert _directives(policy)["frame-src"] == ["https://www.youtube-nocookie.com"], path.name
        assert _directives(policy)["media-src"] == ["'none'"], path.name

    edit(config, "frame-src: [https://www.youtube-nocookie.com]", "script-src: [\"'unsafe-inline'\"]")
    failed = mkdocs_build(config, tmp_path / "refused")
    assert failed.returncode != 0
    assert "mkdocs.yml:" in failed.stderr and "'unsafe-inline' in script-src would let injected script run" in failed.stderr
    assert "Traceback" not in failed.stderr


# --------------------------------------------------------------------------
# In Chromium
# --------------------------------------------------------------------------


class Problems:
    """Policy violations and console errors of every document the browser context opens."""

    def __init__(self, context: Any, page: Any) -> None:
        self.violations: list[dict[str, Any]] = []
        self.console: list[str] = []
        context.expose_binding("__cspReport", lambda _source, violation: self.violations.append(violation))
        context.add_init_script(REPORT_VIOLATIONS)
        page.on("console", lambda message: self.console.append(f"{page.url}: {message.text}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.console.append(f"{page.url}: {error}"))


@pytest.fixture
def problems(context: Any, page: Any) -> Problems:
    return Problems(context, page)


def _all_pages(site: Path) -> list[str]:
    return ["" if p == site / "index.html" else p.relative_to(site).as_posix().removesuffix("index.html")
            for p in _html_files(site)]


@pytest.mark.browser
def test_the_whole_course_works_under_its_policy(page: Any, site_url: str, built_site: Path, problems: Problems,
                                                 tmp_path: Path) -> None:
    for url in _all_pages(built_site):
        page.goto(site_url + url)
        settle(page)
        assert page.evaluate("() => window.__csp.length") == 0, f"{url}: {page.evaluate('() => window.__csp')}"

    # Search (its index and worker load on demand) and the dark scheme, when the course has a toggle.
    first_module = json.loads((built_site / "course-manifest.json").read_text(encoding="utf-8"))["modules"][0]
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(search_word(first_module["title"]))
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    if has_palette_toggle(ROOT):
        schemes = color_schemes(ROOT)
        page.locator('label[title="Switch to dark mode"]').click()
        page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{schemes['dark']}'")
        page.locator('label[title="Switch to light mode"]').click()
        page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{schemes['light']}'")

    # A knowledge check, submitted through mkdocs-quiz's forms (action="javascript:void(0);").
    manifest = seed_course(page, site_url, attempts=[], evaluation=False)
    module = manifest["modules"][0]
    page.goto(site_url + module["url"])
    settle(page)
    page.evaluate("() => localStorage.removeItem('quiz_progress_' + location.pathname)")
    page.reload()
    settle(page)
    answered = answer_all(page)
    assert sorted(answered) == sorted(module["quizzes"])
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz_progress_' + location.pathname))")
    assert sorted(stored) == sorted(answered)
    assert page.locator("#quiz-progress-sidebar").is_visible(), "the progress panel shows in the table of contents"

    # The post-test and the evaluation, submitted (forms with action="javascript:void(0);").
    page.goto(site_url + manifest["post_test"]["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")
    for fieldset in page.locator("form.course-post-test fieldset:not([hidden])").all():  # the drawn questions
        fieldset.locator("input").first.check()
    page.locator("form.course-post-test [type=submit]").click()
    page.locator(".course-result").wait_for()
    assert "pass mark" in page.locator(".course-result").inner_text()
    if manifest["evaluation"]:
        page.goto(site_url + manifest["evaluation"]["url"])
        page.wait_for_selector("form.course-evaluation[data-ready]")
        for item in manifest["evaluation"]["items"]:
            page.locator(f'input[name="evaluation-{item["id"]}"][value="4"]').check()
        page.locator("form.course-evaluation [type=submit]").click()
        page.locator("form.course-evaluation .course-form-status", has_text="saved").wait_for()

    # The certificate and its PDF: pdf-lib and fontkit load on demand, under the same policy.
    seed_course(page, site_url)
    open_certificate(page, site_url, manifest)
    issue(page, "Zoë Brontë")
    assert "Zoë Brontë" in pdf_text(download(page, "download-pdf", tmp_path))

    # The progress export (a blob: download).
    page.goto(site_url)
    settle(page)
    with page.expect_download() as exported:
        page.get_by_role("button", name="Export my progress").click()
    assert manifest["course"]["id"] in exported.value.suggested_filename

    assert problems.violations == []
    assert problems.console == []


@pytest.fixture
def tampered_site(built_site: Path, tmp_path: Path) -> Iterator[str]:
    """A copy of the built course whose first module page got script an attacker injected."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    module = next(p for p in _html_files(site) if '<div class="quiz' in p.read_text(encoding="utf-8"))  # a module page
    text = module.read_text(encoding="utf-8")
    injected = ('<img src="nothing-here.png" onerror="window.__handlerRan = true">'
                "<script>window.__inlineRan = true</script>")
    module.write_text(re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + injected, text, count=1), encoding="utf-8")
    with serve(site) as url:
        yield url + module.relative_to(site).as_posix().removesuffix("index.html")


@pytest.mark.browser
def test_injected_script_is_refused_and_reported(page: Any, tampered_site: str, problems: Problems) -> None:
    page.goto(tampered_site)
    settle(page)
    assert page.evaluate("() => [window.__handlerRan, window.__inlineRan]") == [None, None]
    directives = sorted(v["directive"] for v in problems.violations)
    assert directives == ["script-src-attr", "script-src-elem"], problems.violations
    assert page.evaluate("() => window.__csp.length") == 2
    assert page.locator(".quiz").count() > 0, "the page's own scripts and content are unaffected"
    assert page.evaluate("() => typeof window.mkdocsQuizConfig") == "object", "hashed inline scripts still run"


# --------------------------------------------------------------------------
# mkdocs serve
# --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def served_course(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` of a copy of the small course on a free 127.0.0.1 port; yields its URL and docs folder."""
    course = copy_mini_course(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(course / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=course, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        try:
            _wait_for(url, 60)
        except OSError:
            server.terminate()
            raise AssertionError(f"mkdocs serve did not start: {server.communicate(timeout=10)[1][-2000:]}") from None
        yield url, course / "docs"
    finally:
        stop(server)


@pytest.mark.browser
def test_live_reload_runs_under_the_policy(page: Any, served_course: tuple[str, Path], problems: Problems) -> None:
    url, docs = served_course
    logs: list[str] = []
    page.on("console", lambda message: logs.append(message.text))
    page.goto(url)
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(300)  # the live-reload script starts polling on load
    assert "Enabled live reload" in logs, "the live-reload script ran"
    (policy,) = page.evaluate(f"() => [...document.querySelectorAll('meta[http-equiv=\"{META}\"]')].map(m => m.content)")
    assert "'unsafe-inline'" not in policy

    with page.expect_event("load", timeout=30_000):
        with (docs / "index.md").open("a", encoding="utf-8") as index:
            index.write("\nA line added while serving: live-reload-marker.\n")
    page.get_by_text("live-reload-marker").wait_for(timeout=10_000)
    assert logs.count("Enabled live reload") >= 2, "the reloaded page started live reload again"
    assert problems.violations == []
    assert problems.console == []
