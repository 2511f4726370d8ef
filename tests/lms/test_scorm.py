"""SCORM 1.2 and 2004 packages in a real LMS runtime: scorm-again as the LMS's API in the
top page (committing to the test LMS), the package's launch page in an iframe, the
course's pages in the launch page's iframe. A learner answers the knowledge checks,
fails then passes the post-test, submits the evaluation and issues the certificate
with the name the LMS gave; the LMS must have received each status, the score, the
session time and the suspend data, and a relaunch in a fresh browser must resume."""

from __future__ import annotations

import re
import zipfile
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from lms_helpers import (LEARNER, LEARNER_SHOWN, answer_knowledge_checks, certificate_name_field, course_frame,
                         decode_suspend, launch_frame, launch_state, manifest_of, open_page, stored_record, submit_evaluation, take_post_test,
                         wait_for, wait_for_course)

pytestmark = pytest.mark.browser

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# A learner's text that starts like the codec's tokens; for SCORM 1.2 long enough (the evaluation
# keeps up to 4,000 characters) that the progress outgrows suspend_data's 4,096 characters.
COMMENT = {"scorm2004": "~ Très utile, merci", "scorm12": "~ Très utile, merci. " + "Ein langer Kommentar. " * 180}
# What each standard calls things, as the LMS's commits hold them.
MODEL = {
    "scorm12": {
        "score": lambda cmi: cmi["core"]["score"],
        "suspend": lambda cmi: cmi["suspend_data"],
        "location": lambda cmi: cmi["core"]["lesson_location"],
        "exit": lambda cmi: cmi["core"]["exit"],
        "session": lambda cmi: cmi["core"]["session_time"],
        "session_format": re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$"),
        "started": lambda cmi: cmi["core"]["lesson_status"] == "incomplete",
        "failed": lambda cmi: cmi["core"]["lesson_status"] == "failed",
        "finished": lambda cmi: cmi["core"]["lesson_status"] == "passed",
    },
    "scorm2004": {
        "score": lambda cmi: cmi["score"],
        "suspend": lambda cmi: cmi["suspend_data"],
        "location": lambda cmi: cmi["location"],
        "exit": lambda cmi: cmi["exit"],
        "session": lambda cmi: cmi["session_time"],
        "session_format": re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$"),
        "started": lambda cmi: (cmi["completion_status"], cmi["success_status"]) == ("incomplete", "unknown"),
        "failed": lambda cmi: (cmi["completion_status"], cmi["success_status"]) == ("incomplete", "failed"),
        "finished": lambda cmi: (cmi["completion_status"], cmi["success_status"]) == ("completed", "passed"),
    },
}


def _launch(page: Any, lms: Any, standard: str, registration: str, mastery: int) -> None:
    page.goto(f"{lms.url}lms/scorm.html?standard={standard}&registration={registration}"
              f"&learner={LEARNER}&mastery={mastery}")
    wait_for(page, lambda: launch_state(page) == "connected", "the launch page's SCORM session")
    wait_for_course(page)


def _cmis(lms: Any, registration: str) -> list[dict[str, Any]]:
    return [commit["cmi"] for commit in lms.commits(registration)]


def _received(page: Any, lms: Any, registration: str, check: Any, what: str) -> dict[str, Any]:
    """The latest commit the LMS received, once it passes `check` (waiting for it)."""
    return wait_for(page, lambda: next((cmi for cmi in _cmis(lms, registration)[-1:] if check(cmi)), None), what)


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_a_visit_is_reported_to_the_lms_and_resumes(standard: str, lms: Any, browser: Any,
                                                     browser_context_args: dict[str, Any]) -> None:
    model = MODEL[standard]
    manifest = manifest_of(lms.state.content[standard])
    mastery = manifest["course"]["pass_mark"]
    total = len(manifest["post_test"]["questions"])
    registration = f"{standard}-visit"

    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    _launch(page, lms, standard, registration, mastery)
    assert model["started"](_cmis(lms, registration)[0]), "the launch tells the LMS at once where the learner stands"

    answer_knowledge_checks(page, manifest)
    take_post_test(page, manifest, right=total // 2)
    failed = _received(page, lms, registration, model["failed"], "the failed post-test")
    score = model["score"](failed)
    assert float(score["raw"]) == pytest.approx(100 * (total // 2) / total, abs=0.01) and float(score["raw"]) < mastery
    assert (score["min"], score["max"]) == ("0", "100")
    if standard == "scorm2004":
        assert float(score["scaled"]) == pytest.approx((total // 2) / total, abs=0.0001)

    take_post_test(page, manifest, right=total)
    submit_evaluation(page, manifest, comment=COMMENT[standard])
    frame, name = certificate_name_field(page, manifest)
    assert name.input_value() == LEARNER_SHOWN, "the certificate's name comes from the LMS"
    frame.locator("form.course-cert-form button[type=submit]").first.click()
    number = frame.locator('.course-cert-doc [data-field="number"]')
    number.wait_for()
    issued = number.inner_text().strip()
    finished = _received(page, lms, registration, lambda cmi: model["finished"](cmi) and (decode_suspend(
        page, model["suspend"](cmi)) or {}).get("record", {}).get("certificate"), "the finished course with its certificate")
    assert model["score"](finished)["raw"] == "100"
    assert model["location"](finished) == manifest["certificate"]["url"]
    if standard == "scorm12":
        assert len(model["suspend"](finished)) <= 4096
        told = launch_frame(page).locator(".lms-status[role=status]").inner_text()
        assert "4096 characters" in told and "evaluation comments" in told, told

    assert page.evaluate("() => window.lmsErrors") == [], "the LMS runtime accepted every call"
    page.goto("about:blank")  # the LMS closes the course: the launch page ends the session
    final = _received(None, lms, registration, lambda cmi: model["exit"](cmi) == "suspend", "the final commit")
    context.close()
    session = model["session"](final)
    assert model["session_format"].match(session) and session not in ("00:00:00", "00:00:00.00", "PT0S"), session
    assert model["finished"](final) and model["suspend"](final) == model["suspend"](finished)

    # Another computer: nothing in the browser, everything from the LMS.
    again = browser.new_context(**browser_context_args)
    page = again.new_page()
    _launch(page, lms, standard, registration, mastery)
    frame = wait_for_course(page, manifest["certificate"]["url"])  # back where the learner left
    frame.locator('.course-cert-doc [data-field="number"]').wait_for()
    assert frame.locator('.course-cert-doc [data-field="number"]').inner_text().strip() == issued
    record = stored_record(page)
    # SCORM 1.2 had no room for everything: the failed attempt was left out, never the passed one.
    assert [a["passed"] for a in record["postTest"]["attempts"]] == ([True] if standard == "scorm12" else [False, True])
    for prompt in manifest["evaluation"]["comments"]:
        kept = record["evaluation"]["comments"][prompt["id"]]
        if standard == "scorm12":  # shortened to fit, and marked so
            assert kept.endswith("…") and COMMENT[standard].startswith(kept[:-1]) and len(kept) > 1000, kept
        else:
            assert kept == COMMENT[standard]
    module = manifest["modules"][-1]
    module_page = open_page(page, module["url"])
    answers = module_page.evaluate("() => JSON.parse(localStorage.getItem('quiz_progress_' + location.pathname))")
    assert sorted(answers) == sorted(module["quizzes"]) and all(a["answered"] and a["correct"] for a in answers.values())
    assert model["finished"](_cmis(lms, registration)[-1]), "a resumed visit keeps the status"

    # A link to another site opens in a new tab; the course stays in its frame.
    again.route("https://example.org/**", lambda route: route.fulfill(body="elsewhere", content_type="text/plain"))
    module_page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/paper';
                                    a.textContent = 'A paper elsewhere'; document.querySelector('article').prepend(a); }""")
    with again.expect_page() as popup:
        module_page.get_by_role("link", name="A paper elsewhere").click()
    assert popup.value.url == "https://example.org/paper"
    assert course_frame(page).url.endswith(module["url"])
    again.close()


def test_outside_an_lms_the_course_works_and_keeps_the_browsers_progress(lms: Any, page: Any) -> None:
    page.goto(f"{lms.url}content/scorm12/index.html")
    page.evaluate("() => localStorage.setItem('quiz_progress_/content/scorm12/kept', '{}')")
    page.goto(f"{lms.url}content/scorm12/lms/launch.html")
    wait_for(page, lambda: page.evaluate("() => document.documentElement.dataset.lmsState") == "standalone", "no LMS")
    assert "stays in this browser" in page.locator(".lms-status[role=status]").inner_text()
    frame = wait_for_course(page)
    assert frame.url.endswith("/content/scorm12/index.html")
    assert page.evaluate("() => localStorage.getItem('quiz_progress_/content/scorm12/kept')") == "{}", "nothing is cleared"
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]})
    assert [v["id"] for v in result.response["violations"]] == [], "the launch page with its message meets WCAG A/AA"


def test_the_repositorys_course_launches_and_reports(lms: Any, course_packages: Any, page: Any, tmp_path: Any) -> None:
    """The real course (its post-test pool, its certificate) in SCORM 2004: connected, reported, shown."""
    with zipfile.ZipFile(course_packages.zips["scorm2004"]) as archive:
        archive.extractall(tmp_path / "course")
    lms.state.content["course-scorm2004"] = tmp_path / "course"
    manifest = manifest_of(tmp_path / "course")
    page.goto(f"{lms.url}lms/scorm.html?standard=scorm2004&registration=course&learner={LEARNER}"
              f"&mastery={manifest['course']['pass_mark']}&content=course-scorm2004")
    wait_for(page, lambda: launch_state(page) == "connected", "the launch page's SCORM session")
    frame = wait_for_course(page, "index.html")
    assert manifest["course"]["title"] in frame.title()
    first = _cmis(lms, "course")[0]
    assert (first["completion_status"], first["success_status"], first["progress_measure"]) == ("incomplete", "unknown", "0")
    frame = open_page(page, manifest["post_test"]["url"])
    frame.wait_for_selector("form.course-post-test[data-ready]")
    assert page.evaluate("() => window.lmsErrors") == []
