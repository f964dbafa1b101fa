# Two commands on a fresh machine:
#   make run   - installs into .venv and starts the web app on http://127.0.0.1:8000 (bundled data)
#   make test  - installs into .venv with the dev tools and runs every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# Stamps: pip runs only when pyproject.toml or constraints.txt is newer than the last install
# (the package is installed editable, so code changes need no reinstall).
STAMP := $(VENV)/.installed
STAMP_DEV := $(VENV)/.installed-dev
# Extra options for `make run`, e.g. make run ARGS="--port 8001 --workers 2"
ARGS ?=

.PHONY: run test install install-dev lint typecheck contracts pytest bundle bench clean woordenlijst

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

# The dev install includes the plain one, so it refreshes both stamps.
$(STAMP_DEV): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)

install-dev: $(STAMP_DEV)

run: install
	$(BIN)/regiokompas web $(ARGS)

test: install-dev lint typecheck contracts pytest

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck:
	$(BIN)/mypy

contracts:
	$(BIN)/lint-imports

pytest:
	$(BIN)/pytest --cov --cov-report=term:skip-covered --cov-fail-under=80

bundle: install
	$(BIN)/regiokompas data bouw --bron ../shared/data

# docs/woordenlijst.md is generated from src/regiokompas/glossary/termen.toml (a test checks it).
woordenlijst: install
	$(BIN)/python -m regiokompas.glossary docs/woordenlijst.md

bench: install-dev
	$(BIN)/python -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .coverage
