"""Offline after the first visit (hooks/coursekit/offline.py, hooks/assets/sw-register.js).

The built course is served under a project path (/course/, as GitHub Pages serves a
repository); one visit online installs the service worker and its precache; then the
server stops and the browser goes offline, and the whole course still works: every
module and its checks, the post-test, the evaluation, the certificate and its PDF, search.
Also: `offline: false` removes a worker an earlier build installed; `mkdocs serve`
never offers one; a page opened from disk says why nothing interactive runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from cert_helpers import download, issue, pdf_text
from page_helpers import open_course_page
from quiz_helpers import answer_quiz, stored_answers
from support import ROOT, copy_mini_course, edit, mkdocs_build, serve, stop

sys.path.insert(0, str(ROOT / "hooks"))

from coursekit import offline  # noqa: E402
from coursekit.i18n import shipped_catalogue  # noqa: E402

pytestmark = pytest.mark.browser

SUB_PATH = "course/"
# Records policy violations, so registering the worker is seen to pass the pages' policy.
REPORT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => window.__csp.push(event.effectiveDirective));
"""
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
PRECACHED = """async () => {
  const name = (await caches.keys()).find((key) => key.includes(" precache "));
  return name ? (await (await caches.open(name)).keys()).length : 0;
}"""


@contextlib.contextmanager
def _served_under_sub_path(site: Path, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """The site at /course/ of a server whose root holds nothing else; yields the site URL and a stop()."""
    root = tmp_path / "pages"
    root.mkdir()
    (root / SUB_PATH.rstrip("/")).symlink_to(site, target_is_directory=True)
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(serve(root))
        yield url + SUB_PATH, stack.close


@pytest.fixture
def sw_context(browser: Any, browser_context_args: dict[str, Any]) -> Iterator[Any]:
    """A browser context that allows service workers (the suite blocks them elsewhere)."""
    context = browser.new_context(**{**browser_context_args, "service_workers": "allow"})
    context.add_init_script(REPORT_VIOLATIONS)
    yield context
    context.close()


def _install(page: Any, site_url: str) -> dict[str, Any]:
    """Visit the course home once online; wait until the worker controls the page and holds its precache."""
    page.goto(site_url)
    page.wait_for_function(CONTROLLED, timeout=60_000)
    return page.evaluate("""async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, state: registration.active.state, script: registration.active.scriptURL };
    }""")


def _answers(manifest: dict[str, Any], shown: list[str]) -> dict[str, list[int]]:
    by_id = {question["id"]: question for question in manifest["post_test"]["questions"]}
    return {qid: by_id[qid]["correct"] for qid in shown}


def test_the_whole_course_works_offline_after_one_visit(built_site: Path, tmp_path: Path, sw_context: Any) -> None:
    listed = json.loads(re.search(r"^const BUILD = (\{.*\});", (built_site / offline.WORKER_URL).read_text(encoding="utf-8"),
                                  re.M)[1])["precache"]  # what the build's worker precaches (course-script fonts included)
    errors: list[str] = []
    third_party: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            third_party.append(route.request.url)
            route.abort()

    sw_context.route("**/*", route)
    page = sw_context.new_page()
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    with _served_under_sub_path(built_site, tmp_path) as (site_url, stop_server):
        worker = _install(page, site_url)
        assert worker["scope"] == site_url, "the worker's scope is the site, under its project path"
        assert worker["script"] == site_url + offline.WORKER_URL and worker["state"] == "activated"
        assert page.evaluate(PRECACHED) == len(listed)
        manifest = page.evaluate("() => fetch('course-manifest.json').then(r => r.json())")
        expect(page.locator(".course-file-notice")).to_be_hidden()  # served over http: no file:// notice
        stop_server()
    sw_context.set_offline(True)
    with pytest.raises(Exception):  # the network is really gone: only the worker can answer
        page.evaluate("url => fetch(url, { cache: 'no-store' }).then(r => r.status)", site_url + "not-precached.txt")
    errors.clear()  # the console reported that failed fetch

    for module in manifest["modules"]:
        open_course_page(page, site_url + module["url"])
        for qid in module["quizzes"]:
            answer_quiz(page, qid)
        answers = stored_answers(page)
        assert all(answers.get(qid, {}).get("answered") for qid in module["quizzes"]), module["url"]

    open_course_page(page, site_url + manifest["post_test"]["url"])
    form = page.locator("form.course-post-test[data-ready]")
    form.wait_for()
    shown = form.locator("fieldset.course-question:not([hidden])").evaluate_all("sets => sets.map(s => s.id)")
    for qid, values in _answers(manifest, shown).items():
        for value in values:
            page.locator(f'[id="{qid}"] input[value="{value}"]').check()
    form.locator("[type=submit]").click()
    page.locator(".course-result").wait_for()

    if manifest.get("evaluation"):
        open_course_page(page, site_url + manifest["evaluation"]["url"])
        evaluation = page.locator("form.course-evaluation[data-ready]")
        evaluation.wait_for()
        for item in manifest["evaluation"]["items"]:
            page.locator(f'input[name="evaluation-{item["id"]}"]').first.check()
        evaluation.locator("[type=submit]").click()

    record = page.evaluate(f"() => JSON.parse(localStorage.getItem('ce_course_{manifest['course']['id']}@/{SUB_PATH}'))")
    assert [attempt["passed"] for attempt in record["postTest"]["attempts"]] == [True]
    assert record["evaluation"] or not manifest.get("evaluation")

    page.goto(site_url + manifest["certificate"]["url"])
    page.locator(".course-certificate[data-ready]").wait_for(state="attached")
    issue(page, "Zoë Brontë")
    assert "Zoë Brontë" in pdf_text(download(page, "download-pdf", tmp_path))

    # Search: Material's search worker and index come from the cache too.
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(max(manifest["modules"][0]["title"].split(), key=len))
    page.locator(".md-search-result__item").first.wait_for()

    assert errors == [], "\n".join(errors)
    assert page.evaluate("() => window.__csp") == []
    assert third_party == []

    # Offline, a page the course lacks: the site's 404 page, not the browser's error (its styles may be
    # missing there, as online: MkDocs links them relative to the site root unless site_url is set).
    page.goto(site_url + "a-page-never-built/")
    assert page.locator("h1").first.inner_text().strip() == "404 - Not found"


def test_an_update_replaces_the_cache_and_offline_false_removes_the_worker(tmp_path: Path, sw_context: Any) -> None:
    course = copy_mini_course(tmp_path)
    site = tmp_path / "site"
    config = course / "mkdocs.yml"
    assert mkdocs_build(config, site).returncode == 0
    page = sw_context.new_page()
    with _served_under_sub_path(site, tmp_path) as (site_url, _):
        _install(page, site_url)
        first = page.evaluate("() => caches.keys()")
        assert any(" precache " in name for name in first) and all(name.startswith(f"course-offline {site_url} ") for name in first)

        # A new build: the new worker installs beside the old one, then takes over with its own caches only.
        (course / "docs" / "index.md").write_text((course / "docs" / "index.md").read_text() + "\nUpdated.\n")
        assert mkdocs_build(config, site).returncode == 0
        page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function("() => navigator.serviceWorker.getRegistration().then(r => r.waiting || r.active)")
        page.close()  # the old worker serves open pages until they are gone
        page = sw_context.new_page()
        page.goto(site_url)
        page.wait_for_function("""names => caches.keys().then(now => now.length > 0 && now.every(n => !names.includes(n)))""",
                               arg=first, timeout=30_000)

        edit(config, "  course:\n", "  course:\n    offline: false\n")
        assert mkdocs_build(config, site).returncode == 0
        assert '<meta name="course-offline" content="off">' in (site / "index.html").read_text(encoding="utf-8")
        page.reload()
        page.wait_for_function("""async () => (await navigator.serviceWorker.getRegistrations()).length === 0
                                             && (await caches.keys()).length === 0""", timeout=30_000)


def test_a_page_opened_from_disk_says_the_course_needs_its_web_address(built_site: Path, page: Any) -> None:
    page.goto((built_site / "index.html").as_uri())
    notice = page.locator(".course-file-notice")
    expect(notice).to_be_visible()
    texts = shipped_catalogue("en")
    expect(notice).to_contain_text(texts.text("page.file_notice.title"))
    expect(notice).to_contain_text(texts.text("page.file_notice.text"))
    assert notice.get_attribute("role") == "alert"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_mkdocs_serve_offers_no_worker_even_after_a_rebuild(tmp_path: Path) -> None:
    """A cached page would hide the edit live reload shows: under `mkdocs serve` pages say "off"
    and sw.js only removes a worker an earlier build left at this address."""
    course = copy_mini_course(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(course / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=course, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        assert '<meta name="course-offline" content="off">' in _get(url)
        assert '"offline":false' in _get(url + offline.WORKER_URL)
        (course / "docs" / "index.md").write_text((course / "docs" / "index.md").read_text() + "\nserve-rebuild-marker\n")
        deadline = time.monotonic() + 30
        while "serve-rebuild-marker" not in (home := _get(url)):
            assert time.monotonic() < deadline, "mkdocs serve did not rebuild"
            time.sleep(0.3)
        assert '<meta name="course-offline" content="off">' in home, "a rebuild under serve still offers no worker"
        assert re.search(r'"offline":false', _get(url + offline.WORKER_URL))
    finally:
        stop(server)
