# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo serve test lint bench-gates system-deps install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/manysides demo
	@echo "Open the story pages: make serve  (then http://127.0.0.1:8000/)"

# The web app on the demo store (run `make demo` first).
serve: $(STAMP)
	$(BIN)/manysides serve --db sqlite:///demo-out/demo.db

system-deps:
	bash scripts/system-deps.sh

test: $(DEV_STAMP) system-deps
	$(BIN)/python -m pytest -q
	$(MAKE) bench-gates

# Quality floors on ../shared/data (each script skips with a printed reason when it is absent).
bench-gates: $(DEV_STAMP)
	bash scripts/bench-gates.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out demo-out
