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

DEMO := demo-out

demo: $(VENV)/.installed  ## the sample runner: 7:45 mile, 20 miles a week, goal 7:00
	$(BIN)/miler paces $(SAMPLE_GOAL)
	@mkdir -p $(DEMO)
	$(BIN)/miler plan --weekly-miles 20 --test-mile 7:45 --goal $(SAMPLE_GOAL) \
	    --ics $(DEMO)/plan.ics --fit $(DEMO)/fit --pdf $(DEMO)/plan.pdf
	$(BIN)/miler race --goal $(SAMPLE_GOAL) --band $(DEMO)/pace-band.pdf
	@echo "Wrote $(DEMO)/plan.ics (calendar), $(DEMO)/fit/ (watch workouts: copy to GARMIN/NewFiles),"
	@echo "$(DEMO)/plan.pdf (printable plan) and $(DEMO)/pace-band.pdf."

lint: $(VENV)/.installed-dev  ## ruff and mypy (strict on src/)
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

test: lint  ## lint, type-check and the whole test suite
	$(BIN)/pytest

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev,bench]'
	@touch $@ $(VENV)/.installed-dev $(VENV)/.installed

bench: $(VENV)/.installed-bench  ## benchmarks; results go to bench/README.md by hand
	bench/wrk.sh
	$(BIN)/python bench/run.py

docs: $(VENV)/.installed-dev  ## regenerate docs/cli.md and docs/sample-plan.md
	$(BIN)/python tools/gen_cli_docs.py
	$(BIN)/python tools/gen_sample_plan.py
	$(BIN)/python tools/gen_sample_plans.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis $(DEMO)
