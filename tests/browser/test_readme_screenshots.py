"""The README's pictures come from a script (tests/readme_screenshots.py, `make screenshots`): it must keep working
against the built course, walking it as a learner, so the pictures can always be refreshed."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from support import ROOT

PICTURES = ("home.png", "module.png", "post-test.png", "certificate.png")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_screenshot_script_walks_the_built_course(built_site: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "readme_screenshots.py"), "--site", str(built_site),
                             "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-2000:]
    for name in PICTURES:
        width, height = _png_size(tmp_path / name)
        assert width >= 300 and height >= 200, (name, width, height)
        assert (tmp_path / name).stat().st_size > 10_000, f"{name} looks empty"


def test_the_readme_shows_every_picture_and_they_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in PICTURES:
        assert f".github/readme/{name}" in readme, name
        assert (ROOT / ".github" / "readme" / name).is_file(), name
