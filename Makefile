# The developer loop: make demo, make test, make lint, make bench.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip
EXTRAS_DEV := dev,web,spark,semantic

.PHONY: demo test lint bench install install-dev sysdeps clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e '.[$(EXTRAS_DEV)]'
	$(PY) -m skillpulse.setup_assets
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## System packages the full test suite needs (Java for Spark, Chromium for the dashboard).
sysdeps:
	bash scripts/install-system-deps.sh

demo: install
	$(VENV)/bin/skillpulse demo --out demo-output

test: install-dev sysdeps
	$(VENV)/bin/pytest -q

lint: install-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

bench: install-dev
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache
