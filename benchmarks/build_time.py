"""Build time: synthetic courses of N pages x Q quizzes, with and without quizzes.

    python benchmarks/build_time.py [--sizes 10,50,100,200] [--quizzes 10] [--runs 3]

For every size N it writes synthetic courses (N module pages of about 300
words, each with a bank of Q questions: single, multiple and fill-in) and
builds them, each build a fresh `mkdocs build --strict` process, runs
interleaved (so that other load on the machine hits every variant alike):

  no-quiz   the same pages, no hooks, no mkdocs-quiz (Material + search only)
  plugin    stock mkdocs-quiz, the same questions written as <quiz> blocks, no hooks
  ours      the course builder: hooks/course.py + mkdocs-quiz + overrides/, as mkdocs.yml
  ours+md   `ours` with one change made in the build process only (an experiment):
            mkdocs-quiz reuses one markdown.Markdown per page instead of building
            one per quiz (its _create_fragment_markdown); same HTML (checked)

It prints medians (CPU and wall seconds), the ratio to no-quiz, and a linear
fit (seconds = a + b x pages) with its worst relative residual.
Target: ours <= 1.3 x no-quiz at 200 x 10, growing linearly.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from bench_common import ROOT, machine, median, mkdocs_build  # noqa: E402

VARIANTS = ("no-quiz", "plugin", "ours", "ours+md")
PATCHES = {"ours+md": "markdown"}
TARGET_RATIO = 1.3

_WORDS = (
    "compassion kindness clinician client session therapy practice evidence study trial "
    "attention breath warmth judgment isolation humanity mindfulness balance feeling thought "
    "pain care support change effect measure outcome review course module learner skill "
    "notice respond listen pause soften allow return steady gentle common shared human "
    "the a of and to in with for on as at by from that this which when where while"
).split()

_LAUNCHER = '''\
"""`mkdocs`, with the experimental changes named in BENCH_PATCHES (benchmarks only)."""
import os

patches = set(filter(None, os.environ.get("BENCH_PATCHES", "").split(",")))
if "markdown" in patches:  # one markdown.Markdown per page, not per quiz
    from mkdocs_quiz.plugin import MkDocsQuizPlugin

    _original = MkDocsQuizPlugin._create_fragment_markdown

    def _per_page(self, page, config, files):
        cache = self.__dict__.setdefault("_benchmark_markdown", {})
        key = (id(page), id(files))
        if key not in cache:
            cache.clear()
            cache[key] = _original(self, page, config, files)
        return cache[key]

    MkDocsQuizPlugin._create_fragment_markdown = _per_page
from mkdocs.__main__ import cli  # noqa: E402

cli()
'''


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 15)) for _ in range(sentences))


def _bank(rng: random.Random, slug: str, quizzes: int) -> dict:
    questions = []
    for index in range(quizzes):
        kind = ("single", "single", "multiple", "single", "fill")[index % 5]
        question: dict = {"id": f"q{index + 1}", "type": kind}
        if kind == "fill":
            word = rng.choice([w for w in _WORDS if len(w) > 4])
            question["prompt"] = f"{_sentence(rng, 8)[:-1]} [[{word}]] {_sentence(rng, 5).lower()}"
        else:
            question["prompt"] = f"{_sentence(rng, 12)[:-1]}?"
            correct = {0} if kind == "single" else {0, 2}
            question["options"] = [
                {"text": f"Option {letter}: {_sentence(rng, 5)[:-1]}", **({"correct": True} if i in correct else {}),
                 "feedback": _sentence(rng, 10)}
                for i, letter in enumerate("ABCD")
            ]
        question["explanation"] = _paragraph(rng, 2)
        questions.append(question)
    return {"title": f"Knowledge check: {slug}", "questions": questions}


def _page(rng: random.Random, index: int, pages: int, with_front_matter: bool) -> str:
    slug = f"m{index:03d}"
    front = (
        "---\n"
        f"title: Module {index}\n"
        f"description: Synthetic module {index} for the build-time benchmark.\n"
        "course:\n  role: module\n  minutes: 10\n"
        f"  bank: {slug}\n"
        "  objectives:\n    - Describe the synthetic topic.\n    - Apply it once.\n"
        "---\n\n"
    ) if with_front_matter else f"---\ntitle: Module {index}\ndescription: Synthetic module {index}.\n---\n\n"
    following = f"m{index + 1:03d}.md" if index < pages else "../index.md"
    return (
        f"{front}# Module {index}\n\n{_paragraph(rng)}\n\n## First part\n\n{_paragraph(rng)}\n\n"
        f"- {_sentence(rng, 8)}\n- {_sentence(rng, 8)}\n- {_sentence(rng, 8)}\n\n"
        f"!!! note \"Remember\"\n    {_sentence(rng, 14)}\n\n## Second part\n\n{_paragraph(rng)} "
        f"Continue with [the next page]({following}).\n\n{_paragraph(rng, 4)}\n\n"
    )


def write_course(directory: Path, pages: int, quizzes: int, variant: str) -> Path:
    """One synthetic course in `directory` built the `variant` way; returns its mkdocs.yml."""
    from coursekit.quiz import adapter
    from coursekit.banks import load_bank

    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = directory / "docs"
    (docs / "modules").mkdir(parents=True)
    banks = directory / "quizzes"
    banks.mkdir()
    rng = random.Random(20240601)  # the same text for every variant and run
    nav: list = [{"Course home": "index.md"}]
    modules = []
    (docs / "index.md").write_text("---\ntitle: Home\ndescription: A synthetic course.\n---\n\n# Synthetic course\n\n"
                                   + _paragraph(rng) + "\n", encoding="utf-8")
    for index in range(1, pages + 1):
        slug = f"m{index:03d}"
        text = _page(rng, index, pages, with_front_matter=variant.startswith("ours"))
        bank = _bank(rng, slug, quizzes)
        bank_file = banks / f"{slug}.yml"
        bank_file.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
        if variant.startswith("ours"):
            text += "<!-- course:knowledge-check -->\n"
        elif variant == "plugin":
            quiz_markdown = adapter.bank_markdown(load_bank(bank_file, f"quizzes/{slug}.yml"), None)
            text = text.replace("---\n\n", "quiz:\n  enabled: true\n---\n\n", 1) + "\n## Knowledge check\n\n" + quiz_markdown + "\n"
        (docs / "modules" / f"{slug}.md").write_text(text, encoding="utf-8")
        modules.append(f"modules/{slug}.md")
    nav.append({"Modules": modules})

    config = {key: real[key] for key in ("theme", "markdown_extensions", "validation") if key in real}
    config["theme"] = {**config["theme"], "custom_dir": str(ROOT / "overrides")}
    config.update(site_name="Synthetic course", site_url="", docs_dir="docs", nav=nav)
    quiz_plugin = next(p for p in real["plugins"] if isinstance(p, dict) and "mkdocs_quiz" in p)
    if variant == "no-quiz":
        config["plugins"] = ["search"]
    elif variant == "plugin":
        config["plugins"] = ["search", quiz_plugin]
    else:
        config["plugins"] = ["search", quiz_plugin]
        config["hooks"] = [str(ROOT / "hooks" / "course.py")]
        config["extra"] = {"course": {
            "id": "synthetic", "version": "1", "provider": "Benchmark", "audience": "Nobody",
            "authors": [{"name": "Bench", "credentials": "None"}], "level": "introductory",
            "ce_hours": 0.1, "words_per_ce_hour": 100, "signer": {"name": "Bench", "title": "None"},
            "requirements": {"post_test": False, "evaluation": False}, "rules": "none",
        }}
    path = directory / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _same_output(tmp: Path, pages: int, variant: str) -> bool:
    """Same HTML as `ours` (the asset folder hash aside: other work may edit hooks/assets meanwhile)."""
    def html(name: str) -> str:
        text = (tmp / f"{name}-{pages}" / "site0" / "modules" / "m001" / "index.html").read_text(encoding="utf-8")
        return re.sub(r"assets/course/[0-9a-f]{8}/", "assets/course/HASH/", text)

    return html("ours") == html(variant)


def _fit(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares seconds = a + b * pages; returns a, b and the worst relative residual."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    b = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx if sxx else 0.0
    a = mean_y - b * mean_x
    worst = max(abs(y - (a + b * x)) / y for x, y in points)
    return a, b, worst


def _table(title: str, results: dict[str, dict[int, float]], sizes: list[int]) -> None:
    print(title)
    header = f"{'pages':>6} " + " ".join(f"{v:>9}" for v in VARIANTS) + f" {'ours/no-quiz':>13} {'ours+md/no-quiz':>16}"
    print(header)
    print("-" * len(header))
    for pages in sizes:
        row = {v: results[v][pages] for v in VARIANTS}
        print(f"{pages:>6} " + " ".join(f"{row[v]:>9.2f}" for v in VARIANTS)
              + f" {row['ours'] / row['no-quiz']:>12.2f}x {row['ours+md'] / row['no-quiz']:>15.2f}x")
    print("linear fit, seconds = a + b x pages (worst relative residual):")
    for variant in VARIANTS:
        a, b, worst = _fit(sorted(results[variant].items()))
        print(f"  {variant:9} a = {a:5.2f} s, b = {b * 1000:6.1f} ms/page, worst residual {worst:5.1%}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,50,100,200", help="pages per course, comma-separated")
    parser.add_argument("--quizzes", type=int, default=10, help="quizzes per page")
    parser.add_argument("--runs", type=int, default=3, help="builds per size and variant (median reported)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"Build time: median of {args.runs} fresh `mkdocs build --strict` processes per cell, runs interleaved; {machine()}")
    print(f"N pages x {args.quizzes} quizzes. CPU = user+system seconds of the build (a build uses one core;")
    print(f"other load on the machine barely moves it); wall = clock seconds. Load average before: {os.getloadavg()[0]:.1f}\n")
    cpu: dict[str, dict[int, float]] = {v: {} for v in VARIANTS}
    wall: dict[str, dict[int, float]] = {v: {} for v in VARIANTS}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        launcher = tmp / "mkdocs_patched.py"
        launcher.write_text(_LAUNCHER, encoding="utf-8")
        for pages in sizes:
            configs = {v: write_course(tmp / f"{v}-{pages}", pages, args.quizzes, v) for v in VARIANTS}
            timings: dict[str, list] = {v: [] for v in VARIANTS}
            for run in range(args.runs):
                for variant in VARIANTS:
                    os.environ["BENCH_PATCHES"] = PATCHES.get(variant, "")
                    extra = [str(launcher)] if variant in PATCHES else None
                    timing, result = mkdocs_build(configs[variant], configs[variant].parent / f"site{run}", extra_args=extra)
                    if result.returncode != 0:
                        sys.exit(f"{variant} {pages}: build failed\n{result.stderr}{result.stdout}")
                    timings[variant].append(timing)
            for variant in VARIANTS:
                cpu[variant][pages] = median([t.cpu for t in timings[variant]])
                wall[variant][pages] = median([t.wall for t in timings[variant]])
            for variant in PATCHES:
                if not _same_output(tmp, pages, variant):
                    print(f"  (note: {variant} builds different HTML from ours at {pages} pages: not a faithful change)")
            print(f"  {pages} pages: " + ", ".join(f"{v} {cpu[v][pages]:.2f}" for v in VARIANTS) + " CPU s", flush=True)
            for variant in VARIANTS:
                for run in range(args.runs):
                    shutil.rmtree(configs[variant].parent / f"site{run}", ignore_errors=True)

    print(f"\nLoad average after: {os.getloadavg()[0]:.1f}\n")
    _table("CPU seconds (median)", cpu, sizes)
    _table("Wall seconds (median)", wall, sizes)
    largest = max(sizes)
    base = cpu["no-quiz"][largest]
    ratio = cpu["ours"][largest] / base
    print(f"Target: ours <= {TARGET_RATIO}x no-quiz at {largest} x {args.quizzes} (CPU): {ratio:.2f}x "
          f"{'MET' if ratio <= TARGET_RATIO else 'NOT MET'}")
    quiz_cost = (cpu["plugin"][largest] - base) / (largest * args.quizzes) * 1000
    hook_cost = (cpu["ours"][largest] - cpu["plugin"][largest]) / largest * 1000
    print(f"  mkdocs-quiz itself: {cpu['plugin'][largest] / base:.2f}x no-quiz, {quiz_cost:.1f} ms per quiz")
    print(f"  our hooks on top of it: {hook_cost:.1f} ms per page")
    print(f"  with one markdown.Markdown per page in mkdocs-quiz (experiment): {cpu['ours+md'][largest] / base:.2f}x")

if __name__ == "__main__":
    main()
