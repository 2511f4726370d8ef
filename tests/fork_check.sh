#!/usr/bin/env bash
# The fork check: do the builder and its whole test suite hold for a course that is not this one?
#
# Copies the repository into a temporary folder, replaces the course (mkdocs.yml, docs/, quizzes/)
# with tests/second_course/ (another field, length, pass mark, banks folder and theme), and runs
# every test there: the browser modules' tests (node --test) and pytest, browser tests included.
# A test that passes here but not in the repository, or the other way round, holds a fact of one
# course. It takes several minutes, so `make test` leaves it out; CI runs it as its own job.
#
#   tests/fork_check.sh                  # everything
#   tests/fork_check.sh -k manifest      # extra arguments go to pytest
#
# Needs what `make test` installs (.venv with requirements-test.txt, Chromium). KEEP=1 keeps the copy.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
SECOND="$ROOT/tests/second_course"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/fork-check.XXXXXX")"
FORK="$WORK/fork"
if [ "${KEEP:-}" = 1 ]; then echo "fork check: the copy stays in $FORK"; else trap 'rm -rf "$WORK"' EXIT; fi

test -x "$PYTHON" || { echo "fork check: no $PYTHON; run 'make setup-test' first" >&2; exit 2; }

# The repository as an organizer forks it: everything but git, the virtualenv and build output.
mkdir -p "$FORK"
tar -C "$ROOT" --exclude=./.git --exclude=./.venv --exclude=./site --exclude=./test-results \
    --exclude=__pycache__ --exclude=.pytest_cache -cf - . | tar -C "$FORK" -xf -

# Their course replaces ours: its settings, pages and banks (its banks folder is named in its mkdocs.yml).
rm -rf "$FORK/mkdocs.yml" "$FORK/docs" "$FORK/quizzes"
cp -R "$SECOND/." "$FORK/"
if grep -rqi "self-compassion" "$FORK/mkdocs.yml" "$FORK/docs"; then
    echo "fork check: the second course still holds text of the repository's course" >&2
    exit 2
fi

cd "$FORK"
export NO_MKDOCS_2_WARNING=1
echo "fork check: $(grep -m1 '^site_name:' mkdocs.yml) in $FORK"
node --test tests/js/
"$PYTHON" -m pytest "$@"
