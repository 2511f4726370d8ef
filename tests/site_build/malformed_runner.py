"""Build many course folders in one Python process, as `mkdocs build` would, and report each outcome.

A `mkdocs build` subprocess costs about 1.5 s of start-up; the malformed-course corpus
has over a hundred cases, so they share one process. Each case is loaded and built
in-process exactly as MkDocs' CLI does (`load_config`, `on_startup`, `build`,
`on_shutdown`); what the CLI would print is captured from the `mkdocs` logger.

Run as a script: reads a JSON list of cases on stdin
(`{"name", "config", "site_dir", "strict"}`), writes a JSON object on stdout mapping
each name to `{"status", "errors", "output", "seconds", "cpu"}` where status is
- "ok": the site was built;
- "error": MkDocs stopped cleanly (the CLI exits 1 and prints `errors`);
- "traceback": anything else escaped (the CLI would print a Python traceback);
- "timeout": the case ran longer than `--timeout` seconds (a hang).
Memory is capped so that a runaway case fails instead of exhausting the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

MEMORY_LIMIT = 2 * 1024**3


class _CaseTimeout(BaseException):
    """Raised by the alarm inside a case that runs too long (BaseException: nothing may swallow it)."""


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_case(config_file: str, site_dir: str, strict: bool) -> dict[str, Any]:
    """One case through MkDocs' own build, with the outcome the CLI would show."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    cwd = os.getcwd()
    status, final = "ok", ""
    try:
        os.chdir(Path(config_file).parent)
        config = load_config(config_file=config_file, site_dir=site_dir, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build.build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:  # the CLI prints its message, not as an error line
        status, final = "error", exc.format_message()
    except MkDocsException as exc:  # the CLI prints "Error: <message>"
        status, final = "error", f"Error: {exc.format_message()}"
    except _CaseTimeout:
        status, final = "timeout", "the build did not finish in time"
    except BaseException:  # noqa: BLE001 - anything else is a traceback an organizer would see
        status, final = "traceback", "Traceback (most recent call last):\n" + traceback.format_exc()
    finally:
        os.chdir(cwd)
        logger.removeHandler(capture)
    lines = [f"{r.levelname} - {r.getMessage()}" for r in capture.records if r.levelno >= logging.WARNING]
    errors = [line for line in lines if line.startswith("ERROR")]
    if final.startswith("Error"):
        errors.append(final)
    return {"status": status, "errors": errors, "output": "\n".join(lines + [final])}


def run(cases: list[dict[str, Any]], timeout: float) -> dict[str, dict[str, Any]]:
    def alarm(signum: int, frame: Any) -> None:
        raise _CaseTimeout()

    signal.signal(signal.SIGALRM, alarm)
    results: dict[str, dict[str, Any]] = {}
    for case in cases:
        start, cpu = time.monotonic(), time.process_time()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            results[case["name"]] = build_case(case["config"], case["site_dir"], case.get("strict", True))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        results[case["name"]]["seconds"] = round(time.monotonic() - start, 3)
        results[case["name"]]["cpu"] = round(time.process_time() - cpu, 3)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per case")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    cases = json.load(sys.stdin)
    stdout = sys.stdout
    sys.stdout = io.StringIO()  # whatever a build prints must not corrupt the JSON answer
    try:
        results = run(cases, args.timeout)
    finally:
        sys.stdout = stdout
    json.dump(results, stdout)


if __name__ == "__main__":
    main()
