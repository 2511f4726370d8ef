"""The builder's patch to mkdocs-quiz's quiz.js: it applies to the pinned version, strictly."""

from __future__ import annotations

from importlib import metadata, resources

import pytest

from coursekit.errors import CourseError
from coursekit.quiz import runtime
from coursekit.quiz.runtime import PATCH_FILE, PATCHED_FOR, apply_unified_diff, patched_quiz_js

SMALL_PATCH = """# a header comment, ignored
--- a/f.js
+++ b/f.js
@@ -1,3 +1,3 @@
 one
-two
+TWO
 three
"""


def _installed_quiz_js() -> str:
    return (resources.files("mkdocs_quiz") / "js" / "quiz.js").read_text(encoding="utf-8")


def test_the_patch_applies_to_the_installed_version_and_fixes_what_it_says() -> None:
    assert metadata.version("mkdocs-quiz") == PATCHED_FOR
    original, patched = _installed_quiz_js(), patched_quiz_js().decode("utf-8")
    assert patched != original
    assert 'fillHTML += "<li><del>" + (userAnswer || "(empty)")' in original
    assert '"<li><del>" + escapeHTML(userAnswer || "(empty)")' in patched
    assert "escapeHTML(" not in original and patched.count("escapeHTML(") >= 6
    assert "firstTry" not in original and "firstTry" in patched
    assert 'Choose an answer first.' in patched and 'role", "status"' in patched
    assert "truncateText(escaped" in original and "truncateText(escaped" not in patched
    # Only lines the diff adds or removes differ: the rest of the file is upstream's.
    added = sum(1 for line in PATCH_FILE.read_text().splitlines() if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in PATCH_FILE.read_text().splitlines() if line.startswith("-") and not line.startswith("---"))
    assert len(patched.split("\n")) - len(original.split("\n")) == added - removed


def test_the_patch_header_names_the_licence_and_every_change() -> None:
    header = PATCH_FILE.read_text().split("\n--- a/quiz.js\n")[0]
    assert "Apache License 2.0" in header and "Copyright its authors" in header
    assert all(f"\n# {n}. " in header for n in range(1, 8))


def test_a_small_patch_applies_exactly() -> None:
    assert apply_unified_diff("one\ntwo\nthree\nfour\n", SMALL_PATCH, "f.patch") == "one\nTWO\nthree\nfour\n"


@pytest.mark.parametrize(("original", "where"), [
    ("one\nthree\nfour\n", "line 2: expected 'two', found 'three'"),  # context gone
    ("one\ntwo \nthree\n", "line 2: expected 'two', found 'two '"),   # whitespace counts
    ("one\n", "line 2: expected 'two', found ''"),
])
def test_a_hunk_whose_context_does_not_match_is_refused(original: str, where: str) -> None:
    with pytest.raises(CourseError) as error:
        apply_unified_diff(original, SMALL_PATCH, "hooks/x.patch")
    assert str(error.value).startswith("hooks/x.patch:")
    assert "hunk 1 (@@ -1,3 +1,3 @@) does not match the installed quiz.js at " + where in str(error.value)


def test_hunks_must_come_in_order_and_have_their_stated_length() -> None:
    two_hunks = SMALL_PATCH + "@@ -1,1 +1,1 @@\n-one\n+ONE\n"
    with pytest.raises(CourseError, match="hunk 2 .* starts before the previous hunk ends"):
        apply_unified_diff("one\ntwo\nthree\n", two_hunks, "p")
    short = SMALL_PATCH.replace("@@ -1,3 +1,3 @@", "@@ -1,4 +1,4 @@")
    with pytest.raises(CourseError, match="hunk 1 .* wrong line count"):
        apply_unified_diff("one\ntwo\nthree\nfour\n", short, "p")
    with pytest.raises(CourseError, match="not a unified diff"):
        apply_unified_diff("one\n", "just words\n", "p")


def test_an_upstream_edit_under_the_patch_is_refused() -> None:
    edited = _installed_quiz_js().replace("const wasAnswered = !!this.quizzes[quizId];", "let wasAnswered;")
    with pytest.raises(CourseError, match=r"quiz\.js\.patch:\d+: hunk 1 .* does not match the installed quiz\.js"):
        apply_unified_diff(edited, PATCH_FILE.read_text(), runtime.PATCH_LABEL)


def test_another_mkdocs_quiz_version_is_a_clear_course_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime.metadata, "version", lambda name: "1.8.0" if name == "mkdocs-quiz" else "0")
    with pytest.raises(CourseError) as error:
        patched_quiz_js()
    message = str(error.value)
    assert message.startswith("mkdocs.yml: installed mkdocs-quiz 1.8.0")
    assert "hooks/coursekit/quiz/quiz.js.patch was made for 1.7.1" in message
    assert "pin mkdocs-quiz==1.7.1 in requirements.txt or update the patch" in message
