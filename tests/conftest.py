"""Settings for the whole suite.

`make test` runs it with pytest-xdist, one test file per worker (`--dist loadfile`), so a module
fixture built by real Dagster runs is built once. (`--dist loadgroup` would spread more finely, but
with pytest 9.2 and pytest-xdist 3.8 it ignores the groups: measured, the end-to-end warehouse was
built on both workers.) The replica's faults are split over two test files for that reason."""

import os

# As `alliance-tracker run` does (pipelines/operate.py): one planned-materialization event per asset
# for a run over a range of weeks, not one per asset and week. Materializations stay one per week.
os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "true")
