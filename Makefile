# The README's commands. Each works on a fresh machine with only Python, pip and the registries.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE_GOAL := 7:00

.PHONY: demo test lint typecheck bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed  ## run miler for the sample runner
	$(BIN)/miler paces $(SAMPLE_GOAL)

lint: $(VENV)/.installed-dev  ## ruff and mypy (strict on src/)
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

test: lint  ## lint, type-check and the whole test suite
	$(BIN)/pytest

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev,bench]'
	@touch $@ $(VENV)/.installed-dev $(VENV)/.installed

bench: $(VENV)/.installed-bench  ## benchmarks; results go to bench/README.md by hand
	$(BIN)/python bench/run.py

docs: $(VENV)/.installed-dev  ## regenerate docs/cli.md
	$(BIN)/python tools/gen_cli_docs.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
