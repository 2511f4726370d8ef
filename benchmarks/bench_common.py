"""Shared helpers for the benchmarks: building a course, serving a site, sizes.

The benchmarks print figures; they are not tests. Run them all with
`benchmarks/run_all.sh` (or one by one, see benchmarks/README.md).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gzip
import http.server
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
GZIP_LEVEL = 6  # zlib's default, what most static hosts use


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@dataclasses.dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the build process: barely moved by other load on the machine


def mkdocs_build(config: Path, site_dir: Path, *, strict: bool = True,
                 extra_args: list[str] | None = None) -> tuple[Timing, subprocess.CompletedProcess[str]]:
    """Run `mkdocs build` in a fresh process (as an organizer would); returns its timing and result."""
    command = [sys.executable, *(extra_args or ["-m", "mkdocs"]), "build", "-q", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent, timeout=900)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu), result


def build_course(site_dir: Path) -> Path:
    """The real course, built with --strict into site_dir."""
    _, result = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stderr}{result.stdout}")
    return site_dir


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port); yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    """One line about where the figures were measured."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


class GzipHandler(QuietHandler):
    """Serves text files gzipped when the browser accepts it, as static hosts do."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def send_head(self):  # type: ignore[no-untyped-def]
        requested = Path(self.translate_path(self.path))
        if requested.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the trailing slash
        path = requested / "index.html" if requested.is_dir() else requested
        if path.suffix not in self.COMPRESSIBLE or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)
