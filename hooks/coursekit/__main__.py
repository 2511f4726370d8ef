"""`python -m coursekit` (with hooks/ on the path): the organizer's command line, cli.py."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
