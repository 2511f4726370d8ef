"""One error type for every content or configuration mistake."""

from __future__ import annotations

from pathlib import Path


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
