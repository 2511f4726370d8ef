"""mkdocs-quiz's quiz.js with the builder's fixes (quiz.js.patch) applied.

The fixes live in one unified diff beside this file; its header lists each
change and why. The diff is applied strictly to the installed quiz.js, so a
different mkdocs-quiz fails the build with a clear message instead of serving
a half-fixed script.
"""

from __future__ import annotations

import re
from importlib import metadata, resources
from pathlib import Path

from ..errors import CourseError

PATCHED_FOR = "1.7.1"
PATCH_FILE = Path(__file__).resolve().parent / "quiz.js.patch"
PATCH_LABEL = "hooks/coursekit/quiz/quiz.js.patch"
_HUNK_HEADER = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def patched_quiz_js() -> bytes:
    """The installed mkdocs-quiz's js/quiz.js with quiz.js.patch applied."""
    installed = metadata.version("mkdocs-quiz")
    if installed != PATCHED_FOR:
        raise CourseError("mkdocs.yml", None, (
            f"installed mkdocs-quiz {installed}, the builder's patch {PATCH_LABEL} was made for {PATCHED_FOR}; "
            f"pin mkdocs-quiz=={PATCHED_FOR} in requirements.txt or update the patch"))
    original = (resources.files("mkdocs_quiz") / "js" / "quiz.js").read_text(encoding="utf-8")
    return apply_unified_diff(original, PATCH_FILE.read_text(encoding="utf-8"), PATCH_LABEL).encode("utf-8")


def apply_unified_diff(original: str, patch: str, patch_label: str) -> str:
    """Apply a one-file unified diff with no fuzz: hunks in order, context and removed lines exact.

    Lines before '--- ' are a free-form header; a mismatch raises a CourseError naming the hunk.
    """
    source, lines = original.split("\n"), patch.removesuffix("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("--- ")), len(lines) - 1)
    if not lines[start + 1 : start + 2] or not lines[start + 1].startswith("+++ "):
        raise CourseError(patch_label, None, "not a unified diff: no '--- a/...' and '+++ b/...' lines")
    result: list[str] = []
    done, index, hunk = 0, start + 2, 0  # source lines consumed, patch line, hunk number
    while index < len(lines):
        header = _HUNK_HEADER.match(lines[index])
        if header is None:
            raise CourseError(patch_label, index + 1, f"expected a hunk header '@@ -l,n +l,n @@', found {lines[index]!r}")
        hunk, index = hunk + 1, index + 1
        old_left, new_left = int(header[2] or 1), int(header[4] or 1)
        at = int(header[1]) - 1 if old_left else int(header[1])
        if at < done:
            raise CourseError(patch_label, index, f"hunk {hunk} ({header[0]}) starts before the previous hunk ends")
        result += source[done:at]
        done = at
        while old_left or new_left:
            line = lines[index] if index < len(lines) else ""
            kind, text = line[:1], line[1:]
            if kind not in (" ", "-", "+") or (kind != "+" and not old_left) or (kind != "-" and not new_left):
                raise CourseError(patch_label, index + 1, f"hunk {hunk} ({header[0]}) has the wrong line count at {line!r}")
            if kind != "+":
                if done >= len(source) or source[done] != text:
                    found = source[done] if done < len(source) else "the end of the file"
                    raise CourseError(patch_label, index + 1, (
                        f"hunk {hunk} ({header[0]}) does not match the installed quiz.js at line {done + 1}: "
                        f"expected {text!r}, found {found!r}"))
                done, old_left = done + 1, old_left - 1
            if kind != "-":
                result.append(text)
                new_left -= 1
            index += 1
    return "\n".join(result + source[done:])
