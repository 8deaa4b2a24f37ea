# The few commands a person needs. Each sets up .venv when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
BIN := $(VENV)/bin

.PHONY: demo test test-live eval bench drill ui clean screenshots .chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	DAGSTER_HOME=$(CURDIR)/dagster_home $(BIN)/alliance-tracker demo

# One worker per core, one test file per worker (its module fixtures built once; tests/conftest.py);
# `.venv/bin/python -m pytest` alone runs the same suite serially.
test: $(STAMP) .chromium
	$(BIN)/python -m pytest -n auto --dist loadfile

# The spider tests against the real sites (skipped unless ALLIANCE_LIVE=1): catches a change of the
# real payload shapes the day it happens.
test-live: $(STAMP)
	ALLIANCE_LIVE=1 $(BIN)/python -m pytest tests/spiders tests/sources -m live

bench: $(STAMP)
	$(BIN)/python bench/bench.py

drill: $(STAMP)
	$(BIN)/python bench/drill.py

eval: $(STAMP)
	$(BIN)/python -m pipelines.evaluation

ui: $(STAMP)
	DAGSTER_HOME=$(CURDIR)/dagster_home $(BIN)/alliance-tracker ui

# The browser tests and screenshots drive Debian's chromium through Playwright; never a browser download.
.chromium:
	command -v chromium >/dev/null || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

screenshots: $(STAMP) .chromium
	$(BIN)/python -m pipelines.report.screenshot docs/explorer.png

clean:
	rm -rf warehouse/*.duckdb warehouse/raw warehouse/published warehouse/report
