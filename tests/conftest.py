"""Settings for the whole suite.

`make test` runs it with pytest-xdist, one test file per worker (`--dist loadfile`), so a module
fixture built by real Dagster runs is built once. (`--dist loadgroup` would spread more finely, but
with pytest 9.2 and pytest-xdist 3.8 it ignores the groups: measured, the end-to-end warehouse was
built on both workers.) The replica's faults are split over two test files for that reason.

Crawl helpers for tests/spiders and tests/sources: a real `scrapy crawl` command run from spiders/ as
a person would, in a process of its own forked from one that imported Scrapy once (crawl_forker.py).
The collect stage's crawl process starts the same way, except in tests that use the
`fresh_crawl_processes` fixture (they test how a crawl process starts and fails) and in the CLI's own
processes, where it starts in a new interpreter as in a pipeline run. Tests marked `live` crawl the real sites; they run only when ALLIANCE_LIVE=1."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from crawl_forker import ForkedCommands
from migrated_warehouse import make_template, open_copy

from pipelines import crawling
from spiders.registry import SOURCES

# As `alliance-tracker run` does (pipelines/operate.py): one planned-materialization event per asset
# for a run over a range of weeks, not one per asset and week. Materializations stay one per week.
os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "true")


SPIDERS_DIR = Path(__file__).resolve().parents[1] / "spiders"
SCRAPY_COMMANDS = ForkedCommands()
BASE_URL_VARIABLES = (*(source.base_url_setting for source in SOURCES), "ALLIANCE_CONTACT")
# Crawls against 127.0.0.1 need not wait between requests nor long between retries.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "ALLIANCE_RETRY_BACKOFF=0.1")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "live: crawls the real sites of the sources (run with ALLIANCE_LIVE=1)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("ALLIANCE_LIVE") == "1":
        return
    skip = pytest.mark.skip(reason="crawls the real sites; set ALLIANCE_LIVE=1 to run")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


def forked_crawl_process(plan_file: Path) -> subprocess.CompletedProcess:
    """crawling.run_crawl_process, its command forked from the suite's crawl server."""
    command, env = crawling.crawl_process_command(plan_file)
    return SCRAPY_COMMANDS.run(command, cwd=Path.cwd(), env=env)


FRESH_CRAWL_PROCESS = crawling.run_crawl_process


@pytest.fixture(scope="session", autouse=True)
def crawl_processes_forked():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crawling, "run_crawl_process", forked_crawl_process)
        yield


@pytest.fixture
def fresh_crawl_processes(monkeypatch):
    """The collect stage's crawl process in a new interpreter, as a run starts it."""
    monkeypatch.setattr(crawling, "run_crawl_process", FRESH_CRAWL_PROCESS)


def crawl(spider: str, output: Path, *options: str, env: dict[str, str] | None = None,
          timeout: float = 120):
    """`scrapy crawl <spider> -O <output> <options>`; returns (process result, items)."""
    environment = {k: v for k, v in os.environ.items() if k not in BASE_URL_VARIABLES}
    environment.update(env or {})
    result = SCRAPY_COMMANDS.run(["scrapy", "crawl", spider, "-O", str(output), *options],
                                 cwd=SPIDERS_DIR, env=environment, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    items = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return result, items


def recorded_crawl(spider: str, directory: Path, *options: str, **kwargs):
    """A crawl that also writes its crawl record: returns (process result, items, record)."""
    directory.mkdir(parents=True, exist_ok=True)
    record_file = directory / f"{spider}-record.json"
    result, items = crawl(spider, directory / f"{spider}.jsonl", *options,
                          "-s", f"ALLIANCE_STATS_FILE={record_file}", **kwargs)
    return result, items, json.loads(record_file.read_text(encoding="utf-8"))


@pytest.fixture
def run_crawl():
    return crawl


@pytest.fixture
def run_recorded_crawl():
    return recorded_crawl


@pytest.fixture
def fast() -> tuple[str, ...]:
    """Settings for crawls of the replica: no politeness delays, short retry backoff."""
    return FAST


@pytest.fixture(scope="session")
def new_warehouse(tmp_path_factory):
    """new_warehouse(path=None) -> an open connection to a warehouse with every migration applied, as
    `migrate` makes it: in memory, or a file at path. Each is a copy of one migrated once per test
    process (tests/migrated_warehouse.py)."""
    template = make_template(tmp_path_factory.mktemp("migrated") / "template.duckdb")

    def make(path: Path | None = None):
        return open_copy(template, path)
    return make
