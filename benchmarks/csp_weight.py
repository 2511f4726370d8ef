"""What the Content-Security-Policy <meta> costs: bytes it adds to each HTML page.

    python benchmarks/csp_weight.py [--site DIR]

Builds the course with --strict (or measures an existing site), then for every
HTML file compares the page with and without its policy <meta>: raw bytes and
gzip bytes (level 6, as static hosts serve HTML). Each page carries its own
policy (the hashes of its own inline scripts), so the figures vary by page.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import build_course, gzip_size  # noqa: E402

META = re.compile(rb'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def measure(site: Path) -> list[tuple[str, int, int, int]]:
    """(page, inline hashes in its policy, raw bytes added, gzip bytes added) for every HTML file."""
    rows = []
    for path in sorted(site.rglob("*.html")):
        page = path.read_bytes()
        metas = META.findall(page)
        if len(metas) != 1:
            sys.exit(f"{path.relative_to(site)}: {len(metas)} policy <meta> elements, expected 1")
        without = META.sub(b"", page)
        hashes = metas[0].count(b"'sha256-")
        rows.append((path.relative_to(site).as_posix(), hashes, len(page) - len(without),
                     gzip_size(page) - gzip_size(without)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building the course")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csp-weight-") as folder:
        site = args.site or build_course(Path(folder) / "site")
        rows = measure(site)
    width = max(len(row[0]) for row in rows)
    print(f"{'page':<{width}}  hashes  raw B  gzip B")
    for name, hashes, raw, gzipped in rows:
        print(f"{name:<{width}}  {hashes:>6}  {raw:>5}  {gzipped:>6}")
    for label, column in (("raw", 2), ("gzip", 3)):
        values = [row[column] for row in rows]
        print(f"{label} bytes added per page: min {min(values)}, median {statistics.median(values):g}, "
              f"max {max(values)} ({len(rows)} pages)")


if __name__ == "__main__":
    main()
