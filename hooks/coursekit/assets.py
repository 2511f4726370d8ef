"""Static files the course serves: mkdocs-quiz's CSS/JS as cached files, our scripts.

mkdocs-quiz inlines ~64 KB of CSS and JS into every page it processes; we take
the files from the installed package (quiz.js with our fixes, see quiz/) and
serve them once, with a content hash in the name so browsers may cache them for good.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .quiz.runtime import patched_quiz_js

_OWN_ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass(frozen=True)
class Asset:
    url: str  # site-relative, e.g. assets/mkdocs-quiz/quiz.3f2a9c1b.js
    content: bytes


def quiz_assets() -> dict[str, Asset]:
    """mkdocs-quiz's stylesheet and script (patched, see quiz/quiz.js.patch), keyed 'css' and 'js'."""
    package = resources.files("mkdocs_quiz")
    return {
        "css": _hashed("assets/mkdocs-quiz/quiz", ".css", (package / "css" / "quiz.css").read_bytes()),
        "js": _hashed("assets/mkdocs-quiz/quiz", ".js", patched_quiz_js()),
    }


def own_assets() -> dict[str, Asset]:
    """The builder's browser files (hooks/assets/**), keyed by their path there.

    They share one folder named by a hash of them all, so ES modules can import
    each other by plain relative names and still be cached for good.
    """
    paths = sorted(p for p in _OWN_ASSETS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(_OWN_ASSETS).as_posix().encode() + b"\0" + path.read_bytes())
    folder = f"assets/course/{digest.hexdigest()[:8]}"
    return {
        path.relative_to(_OWN_ASSETS).as_posix(): Asset(f"{folder}/{path.relative_to(_OWN_ASSETS).as_posix()}", path.read_bytes())
        for path in paths
    }


def _hashed(stem: str, suffix: str, content: bytes) -> Asset:
    digest = hashlib.sha256(content).hexdigest()[:8]
    return Asset(f"{stem}.{digest}{suffix}", content)
