# greenkit — the two commands a new user needs are `make demo` and `make test`.
# Both bootstrap everything: the virtual environment, the package, and (when run
# as root on Debian/Ubuntu) the system pieces WeasyPrint, the PDF tests and the
# PostgreSQL store tests need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.greenkit-installed
OUT    ?= out

.PHONY: demo test bench lint system env clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

env: $(STAMP)

system:
	@bash scripts/ensure-system.sh

demo: env system
	$(BIN)/greenkit demo -o $(OUT)

test: env system
	$(BIN)/python -m pytest -q

bench: env
	$(BIN)/python benchmarks/run.py

lint: env
	$(BIN)/ruff check greenkit tests benchmarks scripts

clean:
	rm -rf $(OUT) .pytest_cache build dist *.egg-info
