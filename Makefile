# Two commands do all the set-up on a fresh machine (see README.md):
#   make serve   build and serve the course at http://127.0.0.1:8000
#   make test    run every test (unit, build, browser in Debian's Chromium)
#   make bench   print page-weight, build-time and Lighthouse figures (benchmarks/README.md)
#   make screenshots   refresh the README's pictures of the course (.github/readme/*.png) from a fresh build
#   make new-course DIR=../my-course TITLE="..."   start a new course (README, "Start a new course")
#   make add-module SLUG=ethics TITLE="..."        add a module to the course here (or COURSE=<folder>)
#   make packages   build the site and its LMS packages beside it: scorm12.zip, scorm2004.zip, cmi5.zip (ONLY=scorm12 for one)
#   make keygen KEY=~/course-keys/2026.pem              make a signing key pair (README, "Signed certificates")
#   make check-records RECORDS=<folder> [ROSTER=~/ce/roster.csv]   check learners' completion records
#   make sign-records RECORDS=<folder> KEY=<key file> OUT=<folder>  sign the passing ones
#   make revoke CERT=<certificate id> [REASON="..."]      revoke a signed certificate
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench screenshots setup setup-test chromium poppler new-course add-module packages keygen check-records sign-records revoke

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup-test chromium poppler
	node --test tests/js/
	$(BIN)/python -m pytest

bench: setup-test chromium
	benchmarks/run_all.sh

screenshots: setup-test chromium
	$(BIN)/python tests/readme_screenshots.py

# The starter (hooks/coursekit/cli.py). DIR=. REPLACE=1 replaces this repository's sample
# course (mkdocs.yml, docs/, quizzes/); hooks/ and tests/ are never touched.
COURSEKIT := PYTHONPATH=hooks $(BIN)/python -m coursekit

new-course: setup
	@test -n "$(DIR)" -a -n "$(TITLE)" || { echo 'usage: make new-course DIR=<folder> TITLE="<title>" [ID=<course id>] [HOURS=<CE hours>] [REPLACE=1]' >&2; exit 2; }
	$(COURSEKIT) new-course "$(DIR)" --title "$(TITLE)" $(if $(ID),--id "$(ID)") $(if $(HOURS),--hours "$(HOURS)") $(if $(filter 1 yes true,$(REPLACE)),--replace)

add-module: setup
	@test -n "$(SLUG)" -a -n "$(TITLE)" || { echo 'usage: make add-module SLUG=<file name> TITLE="<title>" [COURSE=<course folder>]' >&2; exit 2; }
	$(COURSEKIT) add-module "$(SLUG)" --title "$(TITLE)" --course "$(or $(COURSE),.)"

# LMS packages (hooks/coursekit/lms/): the site in site/ exactly as `make build` makes it, the zips beside it.
packages: setup
	PYTHONPATH=hooks $(BIN)/python -m coursekit.lms $(if $(ONLY),--only "$(ONLY)")

# Signed certificates (hooks/coursekit/organizer/). Keys and learners' data stay outside the repository.
ORGANIZER := PYTHONPATH=hooks $(BIN)/python -m coursekit.organizer

keygen: setup
	@test -n "$(KEY)" || { echo 'usage: make keygen KEY=<new file outside the repository> [KEY_ID=<id>]' >&2; exit 2; }
	$(ORGANIZER) keygen --out "$(KEY)" $(if $(KEY_ID),--key-id "$(KEY_ID)")

check-records: build
	@test -n "$(RECORDS)" || { echo 'usage: make check-records RECORDS=<folder of records> [ROSTER=<csv file outside the repository>]' >&2; exit 2; }
	$(ORGANIZER) check "$(RECORDS)" $(if $(ROSTER),--roster "$(ROSTER)")

sign-records: build
	@test -n "$(RECORDS)" -a -n "$(KEY)" -a -n "$(OUT)" || { echo 'usage: make sign-records RECORDS=<folder> KEY=<key file> OUT=<folder outside the repository> [INCLUDE_REVIEW=1]' >&2; exit 2; }
	$(ORGANIZER) sign "$(RECORDS)" --key "$(KEY)" --out "$(OUT)" $(if $(INCLUDE_REVIEW),--include-review)

revoke: setup
	@test -n "$(CERT)" || { echo 'usage: make revoke CERT=<certificate id> [REASON="<short reason, published>"]' >&2; exit 2; }
	$(ORGANIZER) revoke "$(CERT)" $(if $(REASON),--reason "$(REASON)")

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# The verify tests rasterise a PDF with poppler's pdftoppm (Debian's poppler-utils).
poppler:
	@command -v pdftoppm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends poppler-utils; }

# Browser tests drive Debian's Chromium through Playwright; never `playwright install`.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium libatomic1; }
