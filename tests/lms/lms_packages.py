"""Running the organizer's command for the LMS packages (`make packages`) in the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from support import ROOT

STANDARDS = ("scorm12", "scorm2004", "cmi5")


@dataclass(frozen=True)
class Packages:
    config: Path
    site: Path  # the ordinary site the command built
    zips: dict[str, Path]
    output: str  # what the command printed


def run_packages(config: Path, site: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m coursekit.lms` as an organizer runs it (`make packages`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    command = [sys.executable, "-m", "coursekit.lms", "-f", str(config), "-d", str(site), "--out", str(out), *extra]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent, timeout=600)


def build_packages(config: Path, folder: Path, *extra: str) -> Packages:
    """The site in folder/site and the three zips beside it; fails the test when the command fails."""
    result = run_packages(config, folder / "site", folder, *extra)
    assert result.returncode == 0, result.stderr + result.stdout
    return Packages(config, folder / "site", {s: folder / f"{s}.zip" for s in STANDARDS}, result.stdout)
