# The two set-up commands are `make serve` and `make test`; both install what they need first.
# Material prints an end-of-life banner on every build; it says nothing about our site.
export NO_MKDOCS_2_WARNING := 1

VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV ?= python3
# uv installs the pinned packages: from an empty cache about 9 s, where pip took 22 s (pip fetches
# one package after another). uv itself is pinned here, the one package pip installs.
UV_VERSION := 0.13.9
# Compiled now, as pip does: with PYTHONDONTWRITEBYTECODE set, Python would compile every
# module again in every process.
INSTALL := $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode
CHECK := $(BIN)/uv pip check --quiet --python $(BIN)/python
# Debian's Chromium: Playwright's own browser download does not work on our machines.
CHROMIUM := /usr/bin/chromium

.PHONY: setup setup-test serve build build-internal test lint validate new bench mutate clean

setup: $(VENV)/.installed

$(BIN)/uv:
	test -d $(VENV) || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/uv
	@echo "Eenmalig: de Python-pakketten van de site installeren in $(VENV) (ongeveer een halve minuut)..."
	$(INSTALL) -r requirements.lock
	$(INSTALL) --no-build-isolation --editable .
	$(CHECK)
	touch $@

setup-test: $(VENV)/.installed-test $(CHROMIUM) node_modules/.package-lock.json

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	@echo "Eenmalig: de testgereedschappen installeren in $(VENV)..."
	$(INSTALL) -r requirements-test.lock
	$(CHECK)
	touch $@

# The editors' language server (yaml-language-server) and ajv, for the schema tests; pinned in
# package-lock.json, installed without running any package's scripts. yaml-language-server 2.0.0
# asks for Node.js 22 but runs on the machines' Node.js 20 (tests/test_editor_messages.py).
node_modules/.package-lock.json: package.json package-lock.json
	@echo "Eenmalig: yaml-language-server en ajv installeren in node_modules (npm ci)..."
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

$(CHROMIUM):
	@echo "Eenmalig: Chromium installeren voor de browsertests (apt-get)..."
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

# The preview while writing: records with problems still show, under a banner that lists them.
# --dirty: after a change only the pages it touches are built again (catalogus/serve_session.py).
serve: setup
	@echo "De site wordt gebouwd; open daarna http://127.0.0.1:8000/ (stoppen: Ctrl+C)."
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

build-internal: setup
	$(BIN)/mkdocs build --strict --config-file mkdocs-internal.yml


# Every record, or some: make validate RECORDS=interventions/wet-bibob.yml
validate: setup
	$(BIN)/catalogus validate $(RECORDS)

# A new record: asks for its title, phenomena, regions or country and kind.
new: setup
	$(BIN)/catalogus new

# The performance benchmark on SYNTHETIC catalogues of 1,000, 5,000 and 10,000 records (it takes
# a while); prints the table and writes bench/REPORT.md. Smaller: .venv/bin/python bench/run.py --sizes 200
bench: setup-test
	$(BIN)/python bench/run.py --sizes 1000 5000 10000 --profile --report bench/REPORT.md

$(VENV)/.installed-mutate: $(VENV)/.installed-test requirements-mutate.lock
	$(INSTALL) -r requirements-mutate.lock
	$(CHECK)
	touch $@

# Mutation testing of the safeguards (loading, checks, personal data, markdown, CSP, the public
# filter) against the fast tests, with mutmut; not part of `make test` (about ten minutes on
# two cores). Prints the score per module and every mutant the tests miss. A part only:
# make mutate MUTANTS='catalogus.security.*'
mutate: $(VENV)/.installed-mutate
	$(BIN)/python mutation/run.py $(MUTANTS)

lint: setup-test
	$(BIN)/ruff check scripts tests hooks bench mutation
	$(BIN)/ruff format --check scripts tests hooks bench mutation

# The browser tests mostly wait for pages, so more workers than the machine's cores pay off.
TEST_WORKERS ?= 4

test: setup-test lint
	$(BIN)/catalogus schema --check
	$(BIN)/catalogus validate
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

clean:
	rm -rf site site-internal .pytest_cache
