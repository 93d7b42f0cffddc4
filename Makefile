PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test check lint typecheck unit fuzz bench-speed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Dependencies come from the lock files (exact versions, every file's sha256: pip refuses anything else), then
# newsgraph itself without its dependencies and without fetching a build backend (setuptools is in the lock).
# scripts/lock.sh writes the lock files from pyproject.toml's ranges.
$(VENV)/.installed: pyproject.toml requirements/main.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/main.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements/dev.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/newsgraph demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy src

unit: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

test: lint typecheck unit

check: lint typecheck  # the quick loop: the tests not marked slow (pyproject.toml's markers); CI runs `make test`
	$(BIN)/python -m pytest -q -m "not slow"

fuzz: $(VENV)/.installed-dev  # the property-based tests at length (CI runs them briefly within `make test`)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q tests/test_fuzz.py

bench-speed: $(VENV)/.installed
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
