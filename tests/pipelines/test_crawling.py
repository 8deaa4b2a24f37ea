"""The spiders of a run crawl together, in one Scrapy process, each with its own settings and
arguments; a crawl that cannot run is named with its reason and the others finish."""

import json
import subprocess
from urllib.parse import urlsplit

import duckdb
import pytest
from dagster import materialize

from pipelines.assets.collect import crawled_items
from pipelines.crawling import CrawlRequest, _reported_failures, run_crawls
from replica.server import ReplicaServer
from spiders.registry import SOURCES

WINDOW = {"since": "2016-01-01", "until": "2016-06-30"}
# How a crawl process starts, fails and reports: each in a new interpreter, as a run starts it.
pytestmark = pytest.mark.usefixtures("fresh_crawl_processes")


@pytest.fixture
def crawl_request(fast_crawl):
    """crawl_request(replica, spider, crawl_dir, **arguments) -> the CrawlRequest the collect asset makes."""
    def make(replica, spider, crawl_dir, **arguments):
        settings = {**replica.base_urls, **fast_crawl,
                    "ALLIANCE_STATS_FILE": str(crawl_dir / f"{spider}.stats.json"),
                    "ALLIANCE_WARC_DIR": str(crawl_dir / "warc")}
        return CrawlRequest(spider, settings, {**WINDOW, **arguments})
    return make


def test_each_crawl_keeps_its_own_items_stats_and_arguments(tmp_path, crawl_request):
    with ReplicaServer() as replica:
        results = run_crawls([crawl_request(replica, "doj", tmp_path), crawl_request(replica, "eu", tmp_path)],
                             tmp_path)
    assert results.failed == {}
    assert [output.spider for output in results.finished] == ["doj", "eu"]
    for output in results.finished:
        items = [json.loads(line) for line in output.items_file.read_text(encoding="utf-8").splitlines()]
        assert len(items) == output.items > 0
        assert {item["source"] for item in items} == {output.spider}
        assert all(WINDOW["since"] <= item["published"][:10] <= WINDOW["until"] for item in items)
        stats = json.loads((tmp_path / f"{output.spider}.stats.json").read_text(encoding="utf-8"))
        assert stats["requests"] > 0
    assert not list(tmp_path.glob("*.partial"))
    log = results.log_file.read_text(encoding="utf-8")
    for output in results.finished:   # one log for the process; each crawl's ends are named in it
        assert f"{output.spider}: crawl opened with" in log
        assert f"{output.spider}: crawl closed (finished), {output.items} items" in log


def test_a_crawl_that_cannot_start_is_named_and_the_others_finish(tmp_path, crawl_request):
    with ReplicaServer() as replica:
        results = run_crawls([crawl_request(replica, "doj", tmp_path, since="last spring"),
                              crawl_request(replica, "eu", tmp_path)], tmp_path)
    assert list(results.failed) == ["doj"]
    assert "since must be an ISO date" in results.failed["doj"]
    assert [output.spider for output in results.finished] == ["eu"]
    assert not (tmp_path / "doj.jsonl").exists()   # nothing for the loader to take as a crawl
    assert "doj: ValueError" in str(results.failure()) and str(results.log_file) in str(results.failure())


def test_a_process_that_dies_before_reporting_fails_every_crawl():
    killed = subprocess.CompletedProcess([], -9, stdout="", stderr="starting\nKilled\n")
    assert _reported_failures(killed, ["doj", "eu"]) == {
        "doj": "the crawl process exited with -9: Killed", "eu": "the crawl process exited with -9: Killed"}
    said = subprocess.CompletedProcess([], 1, stdout='noise\n{"failed": {"eu": "ValueError: x"}}\n', stderr="")
    assert _reported_failures(said, ["doj", "eu"]) == {"eu": "ValueError: x"}


def test_failed_crawls_are_recorded_and_fail_the_asset(tmp_path, resources_for, fault_weeks):
    warehouse_file = tmp_path / "alliance.duckdb"
    with ReplicaServer() as replica:
        # a setting no crawler can start with: every crawl of the run fails, each is recorded
        resources = resources_for(warehouse_file, replica, DOWNLOAD_DELAY="slow")
        result = materialize([crawled_items], resources=resources, tags=fault_weeks, raise_on_error=False)
    assert not result.success
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        recorded = conn.execute("SELECT spider, outcome FROM crawl_runs ORDER BY spider").fetchall()
    assert recorded == sorted((source.name, "failed") for source in SOURCES)


def test_each_live_site_is_one_sources_so_crawling_together_keeps_each_sites_politeness():
    """Delays and concurrency are per crawler: two sources on one host would crawl it at twice the pace."""
    hosts = [urlsplit(source.live_base_url).hostname for source in SOURCES]
    assert len(hosts) == len(set(hosts))
