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

.PHONY: run test install install-dev lint typecheck contracts pytest bundle bench clean catalogi woordenlijst

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

# Translations: one gettext domain per area (regiokompas = engines, cli, web, hoofdstuk = chapter).
# `make catalogi` extracts the Dutch message ids from the source, merges them into the English
# catalogue (new entries start untranslated: fill them in, the tests fail until you do) and
# compiles the .mo files that ship in the package. Commit the .po and .mo together.
# click's own messages (English ids, from the installed click) get a Dutch catalogue, domain click.
I18N := src/regiokompas/i18n
DOMAINS := regiokompas cli web hoofdstuk
BABEL_EXTRACT := --project=Regiokompas --copyright-holder="Regiokompas (EUPL-1.2)" \
	--add-location=file --sort-by-file --width=100

catalogi: install-dev
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for d in $(DOMAINS); do \
	  $(BIN)/pybabel -q extract -F $(I18N)/babel-$$d.cfg $(BABEL_EXTRACT) -o $$tmp/$$d.pot src/regiokompas; \
	  po=$(I18N)/locale/en/LC_MESSAGES/$$d.po; \
	  if [ -f $$po ]; then \
	    $(BIN)/pybabel -q update -i $$tmp/$$d.pot -d $(I18N)/locale -D $$d -l en --width=100 \
	      --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date; \
	  else \
	    $(BIN)/pybabel -q init -i $$tmp/$$d.pot -d $(I18N)/locale -D $$d -l en --width=100; \
	    sed -i '/^#, fuzzy$$/d' $$po; \
	  fi; \
	  $(BIN)/pybabel -q compile -d $(I18N)/locale -D $$d -l en; \
	done; \
	clickdir=$$($(BIN)/python -c 'import click, os; print(os.path.dirname(click.__file__))'); \
	$(BIN)/pybabel -q extract -F $(I18N)/babel-click.cfg --project=click --no-location \
	  --sort-output --width=100 -o $$tmp/click.pot $$clickdir; \
	$(BIN)/pybabel -q update -i $$tmp/click.pot -d $(I18N)/locale -D click -l nl --width=100 \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date; \
	$(BIN)/pybabel -q compile -d $(I18N)/locale -D click -l nl

# docs/woordenlijst.md is generated from src/regiokompas/glossary/termen.toml (a test checks it).
woordenlijst: install
	$(BIN)/python -m regiokompas.glossary docs/woordenlijst.md

bench: install-dev
	$(BIN)/python -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .coverage
