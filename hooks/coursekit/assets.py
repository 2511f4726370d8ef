"""Static files the course serves: mkdocs-quiz's CSS/JS as cached files, our scripts.

mkdocs-quiz inlines ~64 KB of CSS and JS into every page it processes; we take
the very same files from the installed package and serve them once, with a
content hash in the name so browsers may cache them for good.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_OWN_ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass(frozen=True)
class Asset:
    url: str  # site-relative, e.g. assets/mkdocs-quiz/quiz.3f2a9c1b.js
    content: bytes


def quiz_assets() -> dict[str, Asset]:
    """mkdocs-quiz's stylesheet and script, keyed 'css' and 'js'."""
    package = resources.files("mkdocs_quiz")
    return {
        "css": _hashed("assets/mkdocs-quiz/quiz", ".css", (package / "css" / "quiz.css").read_bytes()),
        "js": _hashed("assets/mkdocs-quiz/quiz", ".js", (package / "js" / "quiz.js").read_bytes()),
    }


def own_assets() -> dict[str, Asset]:
    """The builder's browser scripts and styles (hooks/assets/*), keyed by file name."""
    found = {}
    for path in sorted(_OWN_ASSETS.iterdir()):
        if path.suffix in (".js", ".css"):
            found[path.name] = _hashed(f"assets/course/{path.stem}", path.suffix, path.read_bytes())
    return found


def _hashed(stem: str, suffix: str, content: bytes) -> Asset:
    digest = hashlib.sha256(content).hexdigest()[:8]
    return Asset(f"{stem}.{digest}{suffix}", content)
