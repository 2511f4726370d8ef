"""Fixtures of the LMS package tests: the packages built by the organizer's command, the
LMS runtime (scorm-again, installed for the tests only with `npm ci` in tests/lms/),
a test LMS server and a real LRS (Ralph)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from lms_packages import Packages, build_packages  # noqa: E402
from lms_server import LmsServer  # noqa: E402
from support import ROOT, copy_mini_course, edit, stop  # noqa: E402

LRS_USER, LRS_PASSWORD = "lms", "a-test-secret"


@pytest.fixture(scope="session")
def course_packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    """The repository's course and its three packages."""
    return build_packages(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("course-packages"))


@pytest.fixture(scope="session")
def mini_packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    """The small course, with a certificate page and a site_url (which no package may carry),
    packaged with a cmi5 launch page that may reach the test LMS on localhost."""
    folder = tmp_path_factory.mktemp("mini-packages")
    course = copy_mini_course(folder)
    config = course / "mkdocs.yml"
    edit(config, 'site_url: ""', 'site_url: "https://courses.example.org/knots/"')
    edit(config, "  - Feedback: feedback.md\n", "  - Feedback: feedback.md\n  - Certificate: certificate.md\n")
    (course / "docs" / "certificate.md").write_text(
        "---\ncourse:\n  role: certificate\n---\n\n# Certificate\n\n<!-- course:certificate -->\n", encoding="utf-8")
    return build_packages(config, folder, "--cmi5-connect", "http://localhost:*")


@pytest.fixture(scope="session")
def scorm_again() -> Path:
    """scorm-again, pinned in tests/lms/package-lock.json, installed with `npm ci` when missing."""
    dist = HERE / "node_modules" / "scorm-again" / "dist"
    locked = json.loads((HERE / "package-lock.json").read_text())["packages"]["node_modules/scorm-again"]["version"]
    installed = HERE / "node_modules" / "scorm-again" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != locked:
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm (Node 20.19 or newer) is needed to install the test LMS runtime, scorm-again")
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    assert (dist / "scorm12.js").is_file() and (dist / "scorm2004.js").is_file()
    return dist


@pytest.fixture(scope="session")
def lms(mini_packages: Packages, scorm_again: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LmsServer]:
    """The test LMS serving the small course's three packages, each unpacked as an LMS does."""
    folder = tmp_path_factory.mktemp("unpacked")
    with LmsServer() as server:
        for standard, package in mini_packages.zips.items():
            with zipfile.ZipFile(package) as archive:
                archive.extractall(folder / standard)
            server.state.content[standard] = folder / standard
        yield server


@dataclass(frozen=True)
class Lrs:
    url: str  # e.g. http://127.0.0.1:8123/
    user: str
    password: str


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lrs]:
    """Ralph, a real LRS, on a free port of 127.0.0.1 with its file-system backend."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("ralph")
    log = (folder / "ralph.log").open("w")
    process = subprocess.Popen([sys.executable, str(HERE / "ralph_lrs.py"), str(port), str(folder), LRS_USER, LRS_PASSWORD],
                               stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "__heartbeat__", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("Ralph did not start:\n" + (folder / "ralph.log").read_text())
                time.sleep(0.3)
        yield Lrs(url, LRS_USER, LRS_PASSWORD)
    finally:
        stop(process)
        log.close()
