"""Offline precache: what a learner's browser stores on the first visit, and what waits for first use.

    python benchmarks/offline_precache.py [--site DIR] [--top N]

Builds the course with --strict (or reads an existing site) and prints, from the
service worker the build wrote (sw.js), the precached files: count, bytes raw and
gzip (as a server sending text gzipped would transfer them), by kind, and the
largest; then the files kept on first use (hooks/coursekit/offline.py ON_FIRST_USE).
The precache is downloaded once, in the background after the first page has loaded.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from bench_common import build_course, gzip_size, kb  # noqa: E402
from coursekit import offline  # noqa: E402

TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map")


def _kind(path: str) -> str:
    if path.endswith(".html"):
        return "pages (HTML)"
    if "/vendor/" in path:
        return "certificate PDF (vendor libraries, fonts)"
    if path.startswith("assets/course/") or path.startswith("assets/mkdocs-quiz/"):
        return "course scripts and styles"
    if path.startswith("assets/"):
        return "theme (Material) assets"
    return "data (manifest, search index, keys)"


def _wire(site: Path, path: str) -> int:
    data = (site / path).read_bytes()
    return gzip_size(data) if path.endswith(TEXT) else len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the course now)")
    parser.add_argument("--top", type=int, default=8, help="how many of the largest files to list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or build_course(Path(scratch) / "site")
        worker = (site / offline.WORKER_URL).read_text(encoding="utf-8")
        build = json.loads(re.search(r"^const BUILD = (\{.*\});", worker, re.M)[1])
        if not build["offline"]:
            print("offline is off (extra.course.offline: false): nothing is precached")
            return
        precached = sorted(build["precache"])
        sizes = {path: (site / path).stat().st_size for path in precached}
        wire = {path: _wire(site, path) for path in precached}
        print(f"precache: {len(precached)} files, {kb(sum(sizes.values()))} KB raw, {kb(sum(wire.values()))} KB transferred (text gzipped)")
        by_kind: dict[str, list[str]] = defaultdict(list)
        for path in precached:
            by_kind[_kind(path)].append(path)
        for kind, paths in sorted(by_kind.items(), key=lambda item: -sum(wire[p] for p in item[1])):
            print(f"  {kind:45} {len(paths):3} files {kb(sum(sizes[p] for p in paths)):>8} KB raw {kb(sum(wire[p] for p in paths)):>8} KB gzip")
        print(f"largest {args.top}:")
        for path in sorted(precached, key=lambda p: -sizes[p])[: args.top]:
            print(f"  {kb(sizes[path]):>8} KB raw {kb(wire[path]):>8} KB gzip  {path}")
        later = offline.site_files(site).on_first_use
        print(f"kept on first use (not precached): {len(later)} files, {kb(sum(f.size for f in later))} KB raw")
        for pattern in offline.ON_FIRST_USE:
            matched = [f for f in later if fnmatch.fnmatchcase(f.path, pattern)]
            print(f"  {pattern:45} {len(matched):3} files {kb(sum(f.size for f in matched)):>8} KB raw")


if __name__ == "__main__":
    main()
