"""The learner's journey in Chromium: knowledge checks, a failed then a passed
post-test, the evaluation, progress on the course home, export/import and
start over; every request stays on 127.0.0.1."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from cert_helpers import download, issue, long_date, open_certificate, pdf_text
from quiz_helpers import answer_quiz

pytestmark = pytest.mark.browser


def _manifest(page: Any, site_url: str) -> dict[str, Any]:
    page.goto(site_url)
    return page.evaluate("() => fetch('course-manifest.json').then(r => r.json())")


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-course-ready]")


def _take_post_test(page: Any, site_url: str, manifest: dict[str, Any], right: int) -> str:
    """Answer the first `right` questions correctly and the rest wrongly; returns the result text."""
    test = manifest["post_test"]
    _open(page, site_url + test["url"])
    page.wait_for_selector("form.course-post-test[data-ready]")
    for number, (qid, key) in enumerate(zip(test["quizzes"], test["key"])):
        options = page.locator(f'[id="{qid}"] input')
        values = key if number < right else [next(i for i in range(options.count()) if i not in key)]
        for value in values:
            page.locator(f'[id="{qid}"] input[value="{value}"]').check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".course-result")).to_contain_text("The pass mark is")
    return page.locator(".course-result").inner_text()


def test_whole_journey_to_the_certificate_pdf(page: Any, site_url: str, external_requests: list[str], tmp_path: Path) -> None:
    manifest = _manifest(page, site_url)
    for module in manifest["modules"]:
        _open(page, site_url + module["url"])
        for qid in module["quizzes"]:
            answer_quiz(page, qid)
        expect(page.locator(".course-position")).to_contain_text(f"{len(module['quizzes'])} of {len(module['quizzes'])} answered")

    total = len(manifest["post_test"]["quizzes"])
    failed = _take_post_test(page, site_url, manifest, right=total // 2)
    assert "Not passed" in failed and f"The pass mark is {manifest['course']['pass_mark']}%" in failed
    assert page.locator("form.course-post-test .correct, form.course-post-test .wrong").count() == 0
    attempts = page.locator(".course-attempts").inner_text()
    assert "not passed" in attempts and "null" not in attempts
    page.get_by_role("button", name="Retake the post-test").click()
    assert page.locator("form.course-post-test input:checked").count() == 0  # a clean attempt
    passed = _take_post_test(page, site_url, manifest, right=total)
    assert "You passed" in passed and "100%" in passed

    _open(page, site_url + manifest["evaluation"]["url"])
    page.wait_for_selector("form.course-evaluation[data-ready]")
    evaluation_status = page.locator("form.course-evaluation .course-form-status")
    page.get_by_role("button", name="Submit the evaluation").click()
    expect(evaluation_status).to_contain_text("still unrated")
    for item in manifest["evaluation"]["items"]:
        page.locator(f'input[name="evaluation-{item["id"]}"][value="4"]').check()
    page.get_by_role("button", name="Submit the evaluation").click()
    expect(evaluation_status).to_contain_text("saved")

    _open(page, site_url)
    panel = page.locator('[data-course-widget="progress"]').inner_text()
    steps = len(manifest["modules"]) + 2
    assert f"{steps} of {steps} steps complete" in panel
    assert "not passed yet" not in panel and "passed with 100%" in panel
    assert "null" not in panel and "undefined" not in panel
    record = page.evaluate(f"() => JSON.parse(localStorage.getItem('ce_course_{manifest['course']['id']}'))")
    assert [a["passed"] for a in record["postTest"]["attempts"]] == [False, True]

    open_certificate(page, site_url, manifest)
    number = issue(page, "Zoë Brontë", credential="LCSW")
    text = pdf_text(download(page, "download-pdf", tmp_path))
    for expected in ("Zoë Brontë", manifest["course"]["title"], f"{manifest['course']['ce_hours']:.1f} CE hours",
                     long_date(datetime.date.today().isoformat()), number):
        assert expected in text, expected
    assert external_requests == []


def test_progress_survives_a_browser_restart_and_moves_by_file(
    browser: Any, site_url: str, tmp_path: Path, browser_context_args: dict[str, Any]
) -> None:
    state = tmp_path / "state.json"
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    manifest = _manifest(page, site_url)
    module = manifest["modules"][1]
    _open(page, site_url + module["url"])
    answer_quiz(page, module["quizzes"][0])
    _take_post_test(page, site_url, manifest, right=0)
    context.storage_state(path=str(state))
    context.close()

    restarted = browser.new_context(**browser_context_args, storage_state=str(state))
    page = restarted.new_page()
    _open(page, site_url)
    panel = page.locator('[data-course-widget="progress"]').inner_text()
    assert "in progress: 1 of" in panel and "best score 0%" in panel
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    restarted.close()

    fresh = browser.new_context(**browser_context_args)
    page = fresh.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    _open(page, site_url)
    assert "0 of" in page.locator(".course-progress-summary").inner_text()

    bad = tmp_path / "other-course.json"
    data = json.loads(exported.read_text())
    bad.write_text(json.dumps({**data, "courseId": "another-course"}))
    status = page.locator('[data-course-widget="progress"] .course-form-status')
    page.locator("#course-import-file").set_input_files(str(bad))
    expect(status).to_contain_text("another course")
    broken = tmp_path / "broken.json"
    broken.write_text(exported.read_text()[:200])
    page.locator("#course-import-file").set_input_files(str(broken))
    expect(status).to_contain_text("could not be read")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({**data, "record": {"schema": 1}}))
    page.locator("#course-import-file").set_input_files(str(damaged))
    expect(status).to_contain_text("damaged or incomplete")
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ce_course_') || k.startsWith('quiz_progress_')).length") == 0

    with page.expect_navigation():
        page.locator("#course-import-file").set_input_files(str(exported))
    page.wait_for_selector("body[data-course-ready]")
    panel = page.locator('[data-course-widget="progress"]').inner_text()
    assert "in progress: 1 of" in panel and "best score 0%" in panel

    with page.expect_navigation():
        page.get_by_role("button", name="Start over").click()
    page.wait_for_selector("body[data-course-ready]")
    assert "best score" not in page.locator('[data-course-widget="progress"]').inner_text()
    fresh.close()


def test_blocked_storage_shows_a_notice_and_the_course_stays_readable(browser: Any, site_url: str, browser_context_args: dict[str, Any]) -> None:
    context = browser.new_context(**browser_context_args)
    context.add_init_script("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });")
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_selector(".course-storage-warning")
    assert "cannot be saved" in page.locator(".course-storage-warning").inner_text()
    assert page.locator("h1").inner_text().startswith("Self-Compassion in Therapy")
    assert page.locator(".md-content p").count() > 5
    context.close()
