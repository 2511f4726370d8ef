"""LMS packages of the course: SCORM 1.2, SCORM 2004 4th edition and cmi5.

The ordinary site (GitHub Pages) is built exactly as `mkdocs build --strict` builds
it and is never touched. The packages come from a second build of the same source
with file URLs (`page.html`: LMSs serve files, not folder indexes) and no site_url
(no absolute URL), plus what only a package has: a launch page and its modules
(hooks/lms-assets/, copied to `lms/`) and the manifest an LMS reads
(`imsmanifest.xml` or `cmi5.xml`). Standard library only (zipfile, xml.etree).

    PYTHONPATH=hooks .venv/bin/python -m coursekit.lms [--only scorm12] [-f mkdocs.yml] [-d site]

(`make packages` runs the same.) The parts: sitebuild.py (the two builds),
facts.py (what a package needs to know about the course, read from the build),
manifests.py (the XML), launch.py (the launch page), package.py (the zips).
"""

from __future__ import annotations

STANDARDS = ("scorm12", "scorm2004", "cmi5")
