# Two commands do all the set-up on a fresh machine:
#   make run   - load the bundled lists into ./var/sanctionwatch.db and start the web app
#   make test  - lint, type-check and run every test (this is what .ci/run calls)
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export SANCTIONWATCH_DB ?= $(CURDIR)/var/sanctionwatch.db
export SANCTIONWATCH_DATA_DIR ?= $(CURDIR)/var

.PHONY: setup system run test lint typecheck pytest bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	bash scripts/system-deps.sh build
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

# The name comparison compiled with mypyc (setup.py); rebuilt when its sources change.
COMPILED := src/sanctionwatch/screening/features.py src/sanctionwatch/screening/korean.py
$(VENV)/.compiled: $(VENV)/.installed setup.py $(COMPILED)
	$(PY) -m pip install -q -c constraints.txt setuptools
	SANCTIONWATCH_COMPILE=1 $(PY) -m pip install -q --no-build-isolation --no-deps -e .
	touch $@

setup: $(VENV)/.compiled

# Debian packages the tests need (PostgreSQL server, Chromium); installs only what is missing.
system:
	bash scripts/system-deps.sh

run: setup
	$(VENV)/bin/sanctionwatch demo

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

typecheck: setup
	$(VENV)/bin/mypy

pytest: setup system
	$(VENV)/bin/pytest

test: lint typecheck pytest

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache build
	find src -name '*.so' -delete
