# orbitcompute: two commands set everything up on a fresh machine.
#   make demo   create .venv if missing, install, run the main job
#   make test   create .venv if missing, install with the test extra, run the suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test
NBSTAMP := $(VENV)/.installed-notebooks

.PHONY: demo test lint lab report bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,notebooks]"
	touch $@ $(STAMP)

$(NBSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[notebooks]"
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/orbitcompute demo

test: $(TESTSTAMP)
	$(BIN)/python -m pytest

lint: $(TESTSTAMP)
	$(BIN)/ruff check orbitcompute tests benchmarks
	$(BIN)/ruff format --check orbitcompute tests benchmarks

report: $(TESTSTAMP)
	$(BIN)/orbitcompute report --output reports

lab: $(NBSTAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(TESTSTAMP)
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
