"""One error type for every content or configuration mistake."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable


class CourseError(Exception):
    """A mistake an organizer can fix, reported as `file:line: what to change`."""

    def __init__(self, file: str | Path, line: int | None, message: str) -> None:
        self.file = str(file)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def run_command(command: Callable[[], int]) -> int:
    """Run an organizer's command: a mistake they can fix (a CourseError, or a file that
    cannot be read or written) is one line on stderr and exit status 1, never a traceback."""
    try:
        return command()
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
    return 1
