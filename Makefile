# Threadline — developer entry points. Everything a new machine needs is installed here.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-parallel lint check bench dist dist-check demo screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: open Threadline on the default vault (creates .venv on first use)
run: $(STAMP)
	$(BIN)/python -m desktop.qtcheck && $(BIN)/threadline

## test: the whole test suite, headless (what CI runs)
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

## test-parallel: the suite with one worker per core, about 2.7x faster on two cores; under
## that load it still shows races of its own (docs/testing.md), so CI runs `make test`
test-parallel: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist worksteal

## lint: ruff, mypy and the layer contracts
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

## demo: a vault of fictional clients in ./demo-vault (passphrase asked)
demo: $(STAMP)
	$(BIN)/threadline demo --vault demo-vault

## screenshots: regenerate docs/images from the real app, offscreen, with fictional clients
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_timeline_screenshots.py

## bench: the benchmark suite on the large demo vault; writes docs/performance.md
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m bench --no-header -o addopts="-q -p no:cacheprovider" tests/bench

## dist: the installable app in dist/threadline and dist/threadline-<version>-linux-<arch>.tar.gz
dist: $(STAMP)
	$(BIN)/python packaging/build.py

## dist-check: build the app, then run the smoke tests against the built bundle
dist-check: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m dist --no-header -o addopts="-q -p no:cacheprovider" tests/packaging

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
