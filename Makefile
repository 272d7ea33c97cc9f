# One set of scripts for developers and CI.  `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
# Coverage floors (percent of lines). The pure core: report, parse, validate, render, clock,
# fees and the pure helpers. Raise a floor when the measured figure has moved up for good.
COVERAGE_CORE ?= 94
COVERAGE_ALL ?= 92
CORE := */gongkai/report/*,*/gongkai/parse/*,*/gongkai/validate/*,*/gongkai/render/*,*/gongkai/clock/*,*/gongkai/fees/*,*/gongkai/masking.py,*/gongkai/errors.py,*/gongkai/id_numbers.py,*/gongkai/report_cli.py,*/gongkai/_argparse.py

.PHONY: help setup system-packages demo test test-postgres lint format typecheck imports pytest coverage bench bench-limits bench-postgres clean

help:
	@echo "make demo           set up, create the demo database and serve the admin on :8000"
	@echo "make test           lint, type-check, import contracts, the whole test suite with coverage floors (SQLite)"
	@echo "make test-postgres  the test suite again against PostgreSQL ($(PG_TEST_URL))"
	@echo "make bench          run the benchmark scripts and print their figures (SQLite)"
	@echo "make bench-limits   every hostile input against the per-file budget (10 s, 1 GB)"
	@echo "make bench-postgres the register-compile benchmark on PostgreSQL"
	@echo "make format         apply ruff's formatting and safe fixes"

# Debian packages: Chromium for the browser tests (Playwright drives /usr/bin/chromium; it never
# downloads a browser), Noto CJK so Chinese renders in them and in the PDF letters (WeasyPrint).
DEBIAN_PACKAGES ?= chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0

setup: $(BIN)/.installed system-packages vendor/.installed

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

# Installs what is missing with apt-get when root; otherwise says so (the browser tests then
# skip, naming the reason). `apt-get update` runs once, only when something is missing.
system-packages:
	@missing=""; \
	for pkg in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "make setup: installing Debian packages:$$missing"; \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	    echo "make setup: cannot install Debian packages:$$missing (not root or no apt-get); run as root: apt-get install --no-install-recommends$$missing -- until then the browser tests are skipped and PDF letters lack CJK fonts"; \
	fi

# htmx, the Noto Sans SC font and axe-core (tests only) from the npm registry, pinned by
# package-lock.json; the used files are copied into vendor/ for staticfiles (not in git).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

vendor/.installed: node_modules/.package-lock.json scripts/vendor_assets.py
	$(PYTHON) scripts/vendor_assets.py
	@touch $@

demo: setup
	$(BIN)/gongkai demo

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: setup
	$(BIN)/mypy

# The architecture contracts in .importlinter: the pure core never imports Django, apps
# depend downward only.
imports: setup
	$(BIN)/lint-imports --no-cache

pytest: setup
	rm -f .coverage .coverage.*
	$(BIN)/pytest -q --cov --cov-report=
	@$(MAKE) --no-print-directory coverage

coverage: setup
	@echo "coverage, pure core (floor $(COVERAGE_CORE)%):"
	@$(BIN)/coverage report --include='$(CORE)' --format=total --fail-under=$(COVERAGE_CORE)
	@echo "coverage, whole package (floor $(COVERAGE_ALL)%):"
	@$(BIN)/coverage report --format=total --fail-under=$(COVERAGE_ALL)

test: lint typecheck imports pytest

test-postgres: setup
	GONGKAI_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q

format: setup
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

bench: setup
	$(BIN)/python scripts/bench_parse.py
	$(BIN)/python scripts/bench_deadlines.py
	$(BIN)/python scripts/bench_compile.py
	$(BIN)/python scripts/bench_ledger.py

# Every hostile input of scripts/limits/ against the per-file budget (10 s, 1 GB).
bench-limits: setup
	$(BIN)/python scripts/bench_limits.py

bench-postgres: setup
	psql -h 127.0.0.1 -U postgres -d test -c 'DROP DATABASE IF EXISTS gongkai_bench' -c 'CREATE DATABASE gongkai_bench'
	$(BIN)/python scripts/bench_compile.py --database-url postgresql://postgres@127.0.0.1:5432/gongkai_bench
	psql -h 127.0.0.1 -U postgres -d test -c 'DROP DATABASE gongkai_bench'

clean:
	rm -rf $(VENV) node_modules vendor build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis var .coverage .coverage.* htmlcov
