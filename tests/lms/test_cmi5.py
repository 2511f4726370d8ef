"""The cmi5 package with a real LRS (Ralph, started by the test). The test plays the LMS's
part of a launch: it registers the learner, sets up a one-time fetch URL and
LMS.LaunchData, and serves the State API; statements go on to Ralph. Two sessions
on two computers: the first fails the post-test and leaves with "Exit course", the
second resumes from the LMS's state, passes, completes and closes the window. The
statements asserted are those Ralph holds for the registration."""

from __future__ import annotations

import base64
import json
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from lms_helpers import (LEARNER_SHOWN, answer_knowledge_checks, certificate_name_field, launch_state, manifest_of,
                         submit_evaluation, take_post_test, wait_for, wait_for_course)
from lms_server import Cmi5Launch

pytestmark = pytest.mark.browser

CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
VERB = "http://adlnet.gov/expapi/verbs/"
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$")


def _course_structure(package: Any) -> ET.Element:
    with zipfile.ZipFile(package) as archive:
        return ET.fromstring(archive.read("cmi5.xml"))


def _launch(lms: Any, ralph: Any, au: ET.Element, registration: str, actor: dict[str, Any]) -> tuple[str, str]:
    """What an LMS does before it opens an AU: a session, its token, its launch data. Returns
    the launch URL and the session id."""
    session = str(uuid.uuid4())
    token = base64.b64encode(f"session:{uuid.uuid4()}".encode()).decode()  # good for this session only
    data = {
        "contextTemplate": {"contextActivities": {"grouping": [{"id": au.get("id"), "objectType": "Activity"}]},
                            "extensions": {SESSION: session}},
        "launchMode": "Normal",
        "moveOn": au.get("moveOn"),
        "returnURL": f"{lms.url}lms/returned.html",
    }
    if au.get("masteryScore"):
        data["masteryScore"] = float(au.get("masteryScore"))
    lms.state.launches[session] = Cmi5Launch(token=token, launch_data=data)
    query = urlencode({
        "endpoint": f"{lms.lms_origin}/cmi5/xapi/", "fetch": f"{lms.lms_origin}/cmi5/fetch/{session}",
        "actor": json.dumps(actor), "registration": registration, "activityId": au.get("id"),
    })
    return f"{lms.url}content/cmi5/{au.find(CMI5 + 'url').text}?{query}", session


def _statements(ralph: Any, registration: str) -> list[dict[str, Any]]:
    response = requests.get(f"{ralph.url}xAPI/statements", params={"registration": registration, "limit": 100},
                            auth=(ralph.user, ralph.password), headers={"X-Experience-API-Version": "1.0.3"}, timeout=20)
    response.raise_for_status()
    return sorted(response.json()["statements"], key=lambda s: s["timestamp"])


def _verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].removeprefix(VERB) for s in statements]


def test_two_sessions_send_the_cmi5_statements_to_the_lrs(lms: Any, ralph: Any, mini_packages: Any, browser: Any,
                                                          browser_context_args: dict[str, Any]) -> None:
    lms.state.lrs = f"{ralph.url}xAPI/statements"
    lms.state.lrs_authorization = "Basic " + base64.b64encode(f"{ralph.user}:{ralph.password}".encode()).decode()
    au = _course_structure(mini_packages.zips["cmi5"]).find(CMI5 + "au")
    manifest = manifest_of(lms.state.content["cmi5"])
    total = len(manifest["post_test"]["questions"])
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "name": LEARNER_SHOWN, "account": {"homePage": "https://lms.example.org", "name": "jdoe"}}

    # Session 1: the knowledge checks, a failed post-test, "Exit course".
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    url, first_session = _launch(lms, ralph, au, registration, actor)
    page.goto(url)
    wait_for(page, lambda: launch_state(page) == "connected", "the cmi5 launch sequence")
    wait_for_course(page)
    answer_knowledge_checks(page, manifest)
    take_post_test(page, manifest, right=total // 2)
    with page.expect_navigation(url=f"{lms.url}lms/returned.html"):
        page.get_by_role("button", name="Exit course").click()
    context.close()
    assert _verbs(_statements(ralph, registration)) == ["initialized", "failed", "terminated"]

    # Session 2, on another computer: the LMS's state resumes the course; pass, evaluate, close.
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    url, second_session = _launch(lms, ralph, au, registration, actor)
    page.goto(url)
    wait_for(page, lambda: launch_state(page) == "connected", "the second launch")
    wait_for_course(page, manifest["post_test"]["url"])  # where the learner left
    take_post_test(page, manifest, right=total)
    submit_evaluation(page, manifest, comment="Clear.")
    _, name = certificate_name_field(page, manifest)
    assert name.input_value() == LEARNER_SHOWN, "the certificate's name is the actor's"
    wait_for(page, lambda: "completed" in _verbs(_statements(ralph, registration)), "the completed statement")
    page.goto("about:blank")  # the learner closes the course: "terminated" leaves with keepalive
    statements = wait_for(None, lambda: (lambda s: s if len(s) >= 7 else None)(_statements(ralph, registration)),
                          "the second session's terminated statement")
    context.close()

    assert _verbs(statements) == ["initialized", "failed", "terminated", "initialized", "passed", "completed", "terminated"]
    sessions = [first_session] * 3 + [second_session] * 4
    mastery = float(au.get("masteryScore"))
    for statement, session in zip(statements, sessions):
        verb = statement["verb"]["id"].removeprefix(VERB)
        context_ = statement["context"]
        assert statement["actor"]["account"] == actor["account"]
        assert statement["object"]["id"] == au.get("id")
        assert context_["registration"] == registration
        assert context_["extensions"][SESSION] == session, "every statement carries the LMS's session id"
        assert {"id": au.get("id"), "objectType": "Activity"} in context_["contextActivities"]["grouping"]
        categories = [a["id"] for a in context_["contextActivities"]["category"]]
        assert CATEGORY_CMI5 in categories
        assert (CATEGORY_MOVEON in categories) == (verb in ("failed", "passed", "completed"))
        if verb != "initialized":
            assert DURATION.match(statement["result"]["duration"]), statement["result"]
        if verb in ("failed", "passed"):
            assert context_["extensions"][MASTERY] == mastery
            scaled = statement["result"]["score"]["scaled"]
            assert statement["result"]["success"] is (verb == "passed")
            assert (scaled >= mastery) is (verb == "passed")
    failed, passed, completed = statements[1], statements[4], statements[5]
    assert failed["result"]["score"]["scaled"] == pytest.approx((total // 2) / total, abs=0.0001)
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert completed["result"]["completion"] is True and "success" not in completed["result"]
