"""Quality gates (accessibility, privacy, integrity, page weight) on the session-built course.

Every gate reuses the site that tests/conftest.py builds once (`built_site`,
`site_url`); only the warnings check builds the course again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def manifest(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "course-manifest.json").read_text(encoding="utf-8"))
