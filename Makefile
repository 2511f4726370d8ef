# Two commands do all the set-up on a fresh machine (see README.md):
#   make serve   build and serve the course at http://127.0.0.1:8000
#   make test    run every test (unit, build, browser in Debian's Chromium)
#   make bench   print page-weight, build-time and Lighthouse figures (benchmarks/README.md)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench setup setup-test chromium

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup-test chromium
	node --test tests/js/
	$(BIN)/python -m pytest

bench: setup-test chromium
	benchmarks/run_all.sh

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Browser tests drive Debian's Chromium through Playwright; never `playwright install`.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium libatomic1; }
