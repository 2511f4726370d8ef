"""What the first certificate PDF downloads, per script of the learner's name (gzip bytes transferred).

    python benchmarks/pdf_download.py [--site DIR]

Builds the course (or takes a built site), serves it gzipped on 127.0.0.1 (text types only, as static
hosts do) and, in a fresh Chromium profile per name, issues a certificate and clicks "Download PDF".
Playwright's network log gives every response after the click (pdf-lib, the font manifest, the pieces,
fontkit for scripts that need shaping); their transferred body sizes are summed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

from bench_common import CHROMIUM_ARGS, GzipHandler, build_course, chromium_path, kb, serve  # noqa: E402
from cert_helpers import download, issue, open_certificate, seed_course  # noqa: E402

NAMES = {
    "Latin": "Zoë Brontë-Núñez", "Greek": "Ζωή Παπαδοπούλου", "Cyrillic": "Анна Каренина", "Arabic": "محمد عبد الله",
    "Hebrew": "משה כהן", "Devanagari": "प्रिया शर्मा", "Bengali": "রবীন্দ্রনাথ ঠাকুর", "Thai": "สมชาย ใจดี",
    "Chinese": "王小明", "Japanese": "山田 はなこ", "Korean": "김민준", "Mixed": "Sara כהן Levi",
}


def first_pdf(browser: object, url: str, name: str, folder: Path) -> list[tuple[str, int]]:
    context = browser.new_context(accept_downloads=True, service_workers="block")  # type: ignore[attr-defined]
    page = context.new_page()
    manifest = seed_course(page, url)
    open_certificate(page, url, manifest)
    issue(page, name)
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: fetched.append(
        (request.url.rsplit("/", 1)[-1], request.sizes()["responseBodySize"])))
    download(page, "download-pdf", folder)
    context.close()
    return fetched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the course)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_course(Path(tmp) / "site")
        with serve(site, GzipHandler) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            print(f"{'script':<11} {'KB gzip':>8}  files")
            for script, name in NAMES.items():
                fetched = first_pdf(browser, url, name, Path(tmp))
                total = sum(size for _, size in fetched)
                files = ", ".join(f"{file.split('.')[0]} {kb(size)}" for file, size in fetched)
                print(f"{script:<11} {kb(total):>8}  {files}")
            browser.close()


if __name__ == "__main__":
    main()
