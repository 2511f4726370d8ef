"""Lighthouse scores for four pages, mobile settings, median of several runs.

    python benchmarks/lighthouse.py [--runs 3] [--site DIR]

Needs Node 20 and `npm ci` in benchmarks/ (Lighthouse 12.2.3, pinned in
package-lock.json) and Chromium (CHROME_PATH, default /usr/bin/chromium).
Builds the course with --strict (or uses --site), serves it on 127.0.0.1 with
gzip (as a static host would) and runs Lighthouse with its default mobile
settings (emulated mid-range phone, simulated slow 4G). Performance varies
from run to run on a shared machine: the median of --runs is reported with the
range; the other categories are stable.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import GzipHandler, build_course, chromium_path, median, serve  # noqa: E402
from page_weight import PAGES  # noqa: E402

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS"}


def run_lighthouse(url: str, output: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH") or chromium_path() or "/usr/bin/chromium"}
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0 or not output.is_file():
        sys.exit(f"lighthouse failed for {url}:\n{result.stderr[-3000:]}")
    return json.loads(output.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--verbose", action="store_true", help="print failing audits of the last run")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --ignore-scripts` in benchmarks/")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = args.site or build_course(tmp / "site")
        rows = []
        with serve(site, GzipHandler) as base:
            version = ""
            for name, url in PAGES.items():
                scores: dict[str, list[float]] = {c: [] for c in CATEGORIES}
                metrics: dict[str, list[float]] = {m: [] for m in METRICS}
                report: dict = {}
                for run in range(args.runs):
                    report = run_lighthouse(base + url, tmp / f"report-{run}.json")
                    version = report.get("lighthouseVersion", version)
                    for category in CATEGORIES:
                        scores[category].append(round(report["categories"][category]["score"] * 100))
                    for metric in METRICS:
                        metrics[metric].append(report["audits"][metric]["numericValue"])
                rows.append((name, scores, metrics))
                if args.verbose:
                    for category in CATEGORIES:
                        for ref in report["categories"][category]["auditRefs"]:
                            audit = report["audits"][ref["id"]]
                            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                                print(f"  {name}: {category}: {ref['id']} {audit['score']} {audit.get('displayValue', '')}")
                    for shift in report["audits"].get("layout-shifts", {}).get("details", {}).get("items", []):
                        node = shift.get("node", {})
                        print(f"  {name}: layout shift {shift.get('score', 0):.3f}: {node.get('selector', '?')} {node.get('snippet', '')[:120]}")

    print(f"Lighthouse {version}, mobile (default settings), Chromium at {os.environ.get('CHROME_PATH') or chromium_path()}; "
          f"median of {args.runs} runs\n")
    header = f"{'page':28} {'performance':>18} {'accessibility':>14} {'best practices':>15} {'SEO':>5} | {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6}"
    print(header)
    print("-" * len(header))
    for name, scores, metrics in rows:
        perf = scores["performance"]
        perf_text = f"{median(perf):.0f} ({min(perf)}-{max(perf)})"
        print(f"{name:28} {perf_text:>18} {median(scores['accessibility']):>14.0f} {median(scores['best-practices']):>15.0f} "
              f"{median(scores['seo']):>5.0f} | {median(metrics['first-contentful-paint']) / 1000:>6.1f} "
              f"{median(metrics['largest-contentful-paint']) / 1000:>6.1f} {median(metrics['total-blocking-time']):>7.0f} "
              f"{median(metrics['cumulative-layout-shift']):>6.3f}")


if __name__ == "__main__":
    main()
