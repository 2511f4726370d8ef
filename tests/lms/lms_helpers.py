"""Driving a package in an LMS the way a learner does: the LMS page, the launch page, the
course's pages in the launch page's iframe (LMS page -> launch page -> course)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable, TypeVar

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))

from quiz_helpers import answer_quiz  # noqa: E402

T = TypeVar("T")
LEARNER = "Doe, Jane"  # as SCORM 1.2 documents cmi.core.student_name
LEARNER_SHOWN = "Jane Doe"


def wait_for(page: Any, probe: Callable[[], T], what: str, timeout: float = 20.0) -> T:
    """Poll `probe` until it returns something truthy. Playwright's sync API updates frames
    only during its own calls, so the wait is page.wait_for_timeout, never time.sleep
    (which serves only when there is no page left: `page` None)."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        if page is None:
            time.sleep(0.15)
        else:
            page.wait_for_timeout(150)


def decode_suspend(page: Any, text: str) -> dict[str, Any] | None:
    """What the package's own codec (lms/suspend.js) reads from suspend data, in the launch page."""
    return launch_frame(page).evaluate("""async (text) => {
        const codec = await import('./suspend.js');
        const manifest = await (await fetch('../course-manifest.json')).json();
        return codec.decodeProgress(manifest, text);
    }""", text)


def launch_state(page: Any) -> str | None:
    frame = launch_frame(page)
    return frame.evaluate("() => document.documentElement.dataset.lmsState || null") if frame else None


def launch_frame(page: Any) -> Any:
    return next((f for f in page.frames if f.url.endswith("/lms/launch.html") or "/lms/launch.html?" in f.url), None)


def course_frame(page: Any) -> Any:
    """The course's iframe inside the launch page."""
    launch = launch_frame(page)
    return next((f for f in page.frames if f.parent_frame is launch and launch is not None), None)


def wait_for_course(page: Any, relative: str | None = None) -> Any:
    """The course frame once its page (ending in `relative`, if given) has loaded its scripts."""
    def ready() -> Any:
        frame = course_frame(page)
        if frame is None or (relative and not frame.url.split("#")[0].endswith(relative)):
            return None
        try:
            return frame if frame.evaluate("() => document.body && document.body.hasAttribute('data-course-ready')") else None
        except Exception:  # the frame navigated meanwhile
            return None
    return wait_for(page, ready, f"the course page {relative or ''}")


def open_page(page: Any, manifest_url: str) -> Any:
    """Navigate the course frame (the launch page stays) to a page of the manifest."""
    frame = course_frame(page)
    frame.goto(frame.url.split("/content/")[0] + _content_root(frame.url) + manifest_url)
    return wait_for_course(page, manifest_url)


def _content_root(url: str) -> str:
    """'/content/<standard>/' from a course frame's URL."""
    rest = url.split("/content/", 1)[1]
    return "/content/" + rest.split("/", 1)[0] + "/"


def manifest_of(content: Path) -> dict[str, Any]:
    return json.loads((content / "course-manifest.json").read_text(encoding="utf-8"))


def answer_knowledge_checks(page: Any, manifest: dict[str, Any]) -> None:
    for module in manifest["modules"]:
        frame = open_page(page, module["url"])
        for quiz in module["quizzes"]:
            answer_quiz(frame, quiz)


def take_post_test(page: Any, manifest: dict[str, Any], right: int) -> None:
    """Answer the first `right` questions correctly and the others wrongly, and submit."""
    frame = open_page(page, manifest["post_test"]["url"])
    frame.wait_for_selector("form.course-post-test[data-ready]")
    retake = frame.locator(".course-result button")
    if retake.count():
        retake.click()
    for number, question in enumerate(manifest["post_test"]["questions"]):
        wrong = next(i for i in range(question["options"]) if i not in question["correct"])
        for value in (question["correct"] if number < right else [wrong]):
            frame.locator(f'[id="{question["id"]}"] input[value="{value}"]').check()
    frame.locator("form.course-post-test button[type=submit]").click()
    frame.locator(".course-result").wait_for()


def submit_evaluation(page: Any, manifest: dict[str, Any], comment: str) -> None:
    frame = open_page(page, manifest["evaluation"]["url"])
    frame.wait_for_selector("form.course-evaluation[data-ready]")
    for item in manifest["evaluation"]["items"]:
        frame.locator(f'input[name="evaluation-{item["id"]}"]').last.check()
    for prompt in manifest["evaluation"]["comments"]:
        frame.locator(f'[id="evaluation-{prompt["id"]}"]').fill(comment)
    frame.locator("form.course-evaluation button[type=submit]").click()
    frame.locator("form.course-evaluation .course-form-status").filter(has=frame.locator("a")).wait_for()


def certificate_name_field(page: Any, manifest: dict[str, Any]) -> Any:
    frame = open_page(page, manifest["certificate"]["url"])
    field = frame.locator('form.course-cert-form input[name="name"]').first
    field.wait_for()
    return frame, field


def stored_record(page: Any) -> dict[str, Any] | None:
    """The learner's record in the course frame's storage, found without knowing its key's form."""
    frame = course_frame(page)
    return frame.evaluate("""() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('ce_course_'));
        return key ? JSON.parse(localStorage.getItem(key)) : null;
    }""")
