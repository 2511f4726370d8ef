#!/usr/bin/env bash
# Every benchmark, one after the other; each prints its own figures.
#   benchmarks/run_all.sh                 (about 6 minutes on 2 cores)
#   BENCH_QUICK=1 benchmarks/run_all.sh   (smaller sizes, one run each: about 2 minutes)
# Needs the test requirements (.venv from `make test`), Chromium and, for Lighthouse, Node 20 + npm.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export NO_MKDOCS_2_WARNING=1

if [ -n "${BENCH_QUICK:-}" ]; then
  SIZES=10,50,100; RUNS=1; LH_RUNS=1
else
  SIZES=10,50,100,200; RUNS=3; LH_RUNS=3
fi

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $($PY -c 'from importlib.metadata import version as v; print("mkdocs", v("mkdocs"), "material", v("mkdocs-material"), "mkdocs-quiz", v("mkdocs-quiz"), "playwright", v("playwright"))'), $(${CHROMIUM_PATH:-chromium} --version 2>/dev/null | head -1)"
echo
echo "== 1. Page weight"
$PY benchmarks/page_weight.py
echo
echo "== 2. Build time"
$PY benchmarks/build_time.py --sizes "$SIZES" --runs "$RUNS"
echo
echo "== 3. Lighthouse"
if command -v npm >/dev/null 2>&1; then
  [ -x benchmarks/node_modules/.bin/lighthouse ] || (cd benchmarks && npm ci --ignore-scripts --no-audit --no-fund --silent)
  $PY benchmarks/lighthouse.py --runs "$LH_RUNS"
else
  echo "skipped: npm is not installed (apt-get install nodejs npm; Node 20)"
fi
echo
echo "== 4. Signed certificates (check and sign 1,000 records, the verify page's weight)"
$PY benchmarks/signing.py --records "$([ -n "${BENCH_QUICK:-}" ] && echo 200 || echo 1000)"
echo
echo "== 5. The first certificate PDF per script of the learner's name (what it downloads)"
$PY benchmarks/pdf_download.py
echo
echo "== 6. Offline: what the first visit stores, what waits for first use"
$PY benchmarks/offline_precache.py
