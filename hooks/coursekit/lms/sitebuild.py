"""The two builds behind the packages.

- The ordinary site: `python -m mkdocs build --strict`, the very command GitHub
  Pages' workflow runs, so the site next to the packages is the published one,
  byte for byte.
- The package's copy of the site: the same configuration with file URLs
  (`use_directory_urls: false`: an LMS serves `modules/x.html`, rarely a folder's
  index.html), without `site_url` (which would put absolute URLs, the
  canonical links, into the pages) and without the offline worker. Run in its own process, like the first, so
  the hooks' state never carries from one build to the other.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from ..errors import CourseError

_HOOKS = Path(__file__).resolve().parent.parent.parent  # hooks/, which holds coursekit


def build_site(config: Path, site_dir: Path) -> None:
    """The ordinary site, as `mkdocs build --strict` makes it."""
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site_dir)], config)


def build_package_site(config: Path, site_dir: Path) -> None:
    """The site as packages carry it: file URLs, no site_url."""
    _run([sys.executable, "-m", "coursekit.lms.sitebuild", str(config), str(site_dir)], config)


def _run(command: list[str], config: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(_HOOKS), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        raise CourseError(config.name, None, "the build failed:\n  " + "\n  ".join(lines[-20:]))


def _main(config: str, site_dir: str) -> int:
    """Build `config` into `site_dir` with file URLs and no site_url (strict, as the site)."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        settings = load_config(config_file=config, site_dir=site_dir, use_directory_urls=False, site_url="", strict=True)
        # The LMS serves the package from its own origin and decides when it changes: no offline worker there
        # (sw.js then only removes a worker an earlier copy may have left).
        settings["extra"].setdefault("course", {})["offline"] = False
        settings.plugins.on_startup(command="build", dirty=False)
        try:
            build.build(settings)
        finally:
            settings.plugins.on_shutdown()
    except MkDocsException as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:3]))
