"""Settings for the whole suite, and how `make test` spreads it over the cores."""

import os

import pytest

# As `alliance-tracker run` does (pipelines/operate.py): one planned-materialization event per asset
# for a run over a range of weeks, not one per asset and week. Materializations stay one per week.
os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "true")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks
def pytest_collection_modifyitems(items):
    """Under `pytest -n N --dist loadgroup`, the tests of a module that share a module-scoped fixture
    (a warehouse built by real runs) go to one worker, so the fixture is built once; every other test
    goes wherever a worker is free."""
    for item in items:
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions is None:
            continue
        if any(fixture.scope == "module" for name in item.fixturenames
               for fixture in definitions.name2fixturedefs.get(name, ())):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
