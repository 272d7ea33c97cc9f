# One set of scripts for developers and CI.  `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: help setup demo test test-postgres lint format typecheck pytest bench bench-postgres clean

help:
	@echo "make demo           set up, create the demo database and serve the admin on :8000"
	@echo "make test           lint, type-check and run the whole test suite (SQLite)"
	@echo "make test-postgres  the test suite again against PostgreSQL ($(PG_TEST_URL))"
	@echo "make bench          run the benchmark scripts and print their figures (SQLite)"
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

pytest: setup
	$(BIN)/pytest -q

test: lint typecheck pytest

test-postgres: setup
	GONGKAI_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q

format: setup
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

bench: setup
	$(BIN)/python scripts/bench_parse.py
	$(BIN)/python scripts/bench_deadlines.py
	$(BIN)/python scripts/bench_compile.py

bench-postgres: setup
	psql -h 127.0.0.1 -U postgres -d test -c 'DROP DATABASE IF EXISTS gongkai_bench' -c 'CREATE DATABASE gongkai_bench'
	$(BIN)/python scripts/bench_compile.py --database-url postgresql://postgres@127.0.0.1:5432/gongkai_bench
	psql -h 127.0.0.1 -U postgres -d test -c 'DROP DATABASE gongkai_bench'

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis var
