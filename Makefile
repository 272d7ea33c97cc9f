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

.PHONY: help setup demo test test-postgres lint format typecheck imports pytest coverage bench bench-limits bench-postgres clean

help:
	@echo "make demo           set up, create the demo database and serve the admin on :8000"
	@echo "make test           lint, type-check, import contracts, the whole test suite with coverage floors (SQLite)"
	@echo "make test-postgres  the test suite again against PostgreSQL ($(PG_TEST_URL))"
	@echo "make bench          run the benchmark scripts and print their figures (SQLite)"
	@echo "make bench-limits   every hostile input against the per-file budget (10 s, 1 GB)"
	@echo "make bench-postgres the register-compile benchmark on PostgreSQL"
	@echo "make format         apply ruff's formatting and safe fixes"

setup: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
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
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis var .coverage .coverage.* htmlcov
