"""Every malformed course fails with exactly one error naming the right file, line and
what to change: no traceback, no hang, no silent build. Valid variants still build.

The corpus (malformed_cases.py) is built in one runner process (malformed_runner.py),
which builds each case in-process as MkDocs' CLI does; test_validation_errors.py
proves on a sample that the real CLI prints the same thing.
"""

from __future__ import annotations

import html.parser
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from malformed_cases import CASES, HOSTILE, VALID, Case, assert_located, expected_location, make_course
from support import ROOT

RUNNER = Path(__file__).with_name("malformed_runner.py")
SECONDS_PER_CASE = 30  # a case still running then is a hang: the runner reports "timeout"


def run_corpus(root: Path, cases: dict[str, Case], valid: dict[str, tuple], *,
               seconds_per_case: float = SECONDS_PER_CASE) -> tuple[dict[str, Path], dict[str, Any], float]:
    """Materialize every case under `root`, build them all in one runner process."""
    courses: dict[str, Path] = {}
    jobs = []
    named = [(name, entry.edits, entry.strict) for name, entry in cases.items()]
    named += [(f"valid: {name}", edits, True) for name, edits in valid.items()]
    for index, (name, edits, strict) in enumerate(named):
        folder = root / f"case-{index:03d}"
        courses[name] = make_course(folder, Case(edits, "", ()))
        jobs.append({"name": name, "config": str(courses[name] / "mkdocs.yml"), "site_dir": str(folder / "site"), "strict": strict})
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(RUNNER), "--timeout", str(seconds_per_case)],
        input=json.dumps(jobs), capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=60 + seconds_per_case * len(jobs),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return courses, json.loads(result.stdout), time.monotonic() - start


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], dict[str, Any]]:
    courses, outcomes, seconds = run_corpus(tmp_path_factory.mktemp("corpus"), CASES, VALID)
    print(f"\nmalformed corpus: {len(CASES)} malformed + {len(VALID)} valid courses built in {seconds:.1f} s")
    return courses, outcomes


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_course_fails_with_one_located_error(name: str, corpus: tuple[dict[str, Path], dict[str, Any]]) -> None:
    courses, outcomes = corpus
    outcome = outcomes[name]
    entry = CASES[name]
    assert "Traceback" not in outcome["output"], outcome["output"]
    assert outcome["status"] == "error", f"{outcome['status']}: {outcome['output']}"
    assert len(outcome["errors"]) == 1, outcome["output"]
    error = outcome["errors"][0]
    file, line = expected_location(courses[name], entry.where)
    assert_located(error, file, line)
    for words in entry.words:
        assert words in error, error


@pytest.mark.parametrize("name", list(VALID))
def test_valid_variant_builds(name: str, corpus: tuple[dict[str, Path], dict[str, Any]]) -> None:
    courses, outcomes = corpus
    outcome = outcomes[f"valid: {name}"]
    assert outcome["status"] == "ok", outcome["output"]
    assert (courses[f"valid: {name}"].parent / "site" / "course-manifest.json").is_file()


def _site(corpus: tuple[dict[str, Path], dict[str, Any]], name: str) -> Path:
    courses, outcomes = corpus
    assert outcomes[f"valid: {name}"]["status"] == "ok", outcomes[f"valid: {name}"]["output"]
    return courses[f"valid: {name}"].parent / "site"


class _Elements(html.parser.HTMLParser):
    """Every element of a page with its attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _elements(page: Path) -> _Elements:
    parser = _Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_html_in_a_knowledge_check_is_shown_as_text(corpus: tuple[dict[str, Path], dict[str, Any]]) -> None:
    page = _site(corpus, "HTML in bank text is shown as text") / "lessons" / "reef-knot" / "index.html"
    text = page.read_text(encoding="utf-8")
    found = _elements(page)
    assert not any("alert(" in script for script in found.scripts)
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in found.tags)
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # prompt, feedback, explanation
    assert "Left &lt;img src=x onerror=" in text
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in text  # a code span still shows its code
    assert "Flat &lt;script&gt;alert(1)&lt;/script&gt; &lt;kept&gt;" in text  # an entity stays an entity


def test_html_in_the_post_test_cannot_break_its_form(corpus: tuple[dict[str, Path], dict[str, Any]]) -> None:
    page = _site(corpus, "HTML in bank text is shown as text") / "final" / "index.html"
    text = page.read_text(encoding="utf-8")
    found = _elements(page)
    assert not any("alert(" in script for script in found.scripts)
    assert "Wrong&lt;/label&gt;&lt;/div&gt;&lt;/fieldset&gt;&lt;/form&gt;" in text
    form = text[text.index('<form class="course-post-test"'):]
    form = form[: form.index("</form>")]
    assert "Submit my answers" in form  # the form closes after its button, not inside an option
    assert form.count('type="radio"') == 4


def test_non_ascii_and_blockquote_explanations_render(corpus: tuple[dict[str, Path], dict[str, Any]]) -> None:
    text = (_site(corpus, "non-ASCII text") / "lessons" / "reef-knot" / "index.html").read_text(encoding="utf-8")
    assert "Nœud plat — contrôle ✓" in text and "Ja, genau. 正确" in text
    assert 'data-answer="grand-mère"' in text
    quoted = (_site(corpus, "an explanation that starts with a blockquote") / "lessons" / "reef-knot" / "index.html").read_text(encoding="utf-8")
    explanation = quoted[quoted.index('<section class="content hidden"'):]
    assert "<blockquote>" in explanation[: explanation.index("</section>")]


def test_settings_may_come_from_an_inherited_file(corpus: tuple[dict[str, Path], dict[str, Any]]) -> None:
    manifest = json.loads((_site(corpus, "settings in an INHERITed file") / "course-manifest.json").read_text(encoding="utf-8"))
    assert manifest["course"]["id"] == "knots-101" and manifest["course"]["pass_mark"] == 70


def test_the_runner_reports_a_hang_and_goes_on(tmp_path: Path) -> None:
    """A build that never ends is a 'timeout' outcome, and the next case still runs."""
    def hang(course: Path) -> None:
        (course / "hang.py").write_text("import time\n\ndef on_config(config):\n    while True:\n        time.sleep(0.05)\n")
        text = (course / "mkdocs.yml").read_text()
        (course / "mkdocs.yml").write_text(text.replace("hooks:\n", "hooks:\n  - hang.py\n", 1))

    cases = {"hangs": Case((hang,), "", ()), "fails": CASES["settings: ce_hours NaN"]}
    _, outcomes, seconds = run_corpus(tmp_path, cases, {}, seconds_per_case=2)
    assert outcomes["hangs"]["status"] == "timeout"
    assert outcomes["fails"]["status"] == "error" and "finite" in outcomes["fails"]["errors"][0]
    assert seconds < 30


def test_the_corpus_covers_enough_mistakes() -> None:
    assert len(CASES) >= 100
    assert HOSTILE.startswith("<script>")
