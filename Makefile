# The few commands a person needs. Each sets up .venv when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
BIN := $(VENV)/bin

.PHONY: demo test eval ui clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	DAGSTER_HOME=$(CURDIR)/dagster_home $(BIN)/alliance-tracker demo

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m pipelines.evaluation

ui: $(STAMP)
	DAGSTER_HOME=$(CURDIR)/dagster_home $(BIN)/alliance-tracker ui

clean:
	rm -rf warehouse/*.duckdb warehouse/raw warehouse/published warehouse/report
