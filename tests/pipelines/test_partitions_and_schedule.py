"""Weekly partitions: a two-week backfill touches only those weeks, a week re-runs alone; the schedule
runs the week that ended, catching up weeks the crawls have not covered."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import duckdb
import pytest
from dagster import build_schedule_context, materialize
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

from pipelines.assets import ALL_ASSETS
from pipelines.assets.tag import alliance_reference
from pipelines.partitions import publication_weeks, week_of, week_range_tags
from pipelines.schedules import RETAG_ASSETS, first_week_to_crawl, weekly_requests, weekly_schedule
from replica.catalogue import load_catalogue
from replica.server import ReplicaServer
from spiders.registry import NAMES, SOURCES

PARTITIONED = [a for a in ALL_ASSETS if a.partitions_def is not None]


def weeks_of(warehouse_file, table):
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        return {str(w) for (w,) in conn.execute(
            f"SELECT DISTINCT date_trunc('week', published)::DATE FROM {table}").fetchall()}


@pytest.fixture(scope="module")
def busy_weeks():
    """Two adjacent weeks with the most documents between them, and the busiest week apart from
    those, from the days of what the replica serves."""
    catalogue = load_catalogue()
    per_week = Counter(date.fromisoformat(week_of(day)) for source in catalogue for day in source.days())
    pairs = [(per_week[w] + per_week[w + timedelta(weeks=1)], w) for w in per_week
             if per_week[w + timedelta(weeks=1)]]
    _, start = max(pairs, key=lambda pair: (pair[0], -pair[1].toordinal()))
    third = max((w for w in per_week if abs((w - start).days) > 21),
                key=lambda w: (per_week[w], -w.toordinal()))
    return str(start), str(start + timedelta(weeks=1)), str(third)


def test_two_week_backfill_then_one_week_alone(tmp_path, resources_for, busy_weeks):
    """Every stage, the crawl included, covers only the run's weeks."""
    first, second, third = busy_weeks
    start, end = sorted([first, second])
    warehouse_file = tmp_path / "alliance.duckdb"
    weeks_between = {str(date.fromisoformat(start) + timedelta(weeks=n))
                     for n in range((date.fromisoformat(end) - date.fromisoformat(start)).days // 7 + 1)}
    with ReplicaServer() as replica:
        resources = resources_for(warehouse_file, replica)
        assert materialize([alliance_reference], resources=resources).success
        backfill = materialize(PARTITIONED, resources=resources, tags=week_range_tags(start, end))
        assert backfill.success
        assert {first, second} <= weeks_of(warehouse_file, "raw_documents") <= weeks_between
        assert weeks_of(warehouse_file, "extracted_texts") == weeks_of(warehouse_file, "raw_documents")
        assert materialize(PARTITIONED, resources=resources, partition_key=third).success
    assert weeks_of(warehouse_file, "raw_documents") - weeks_between == {third}
    assert weeks_of(warehouse_file, "extracted_texts") == weeks_of(warehouse_file, "raw_documents")
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        tagged = conn.execute("SELECT count(*) FROM document_relevance").fetchone()[0]
        extracted = conn.execute("SELECT count(*) FROM extracted_texts").fetchone()[0]
        windows = conn.execute("SELECT DISTINCT json_extract_string(arguments, '$.since'), "
                               "json_extract_string(arguments, '$.until') FROM crawl_runs ORDER BY 1").fetchall()
    assert tagged == extracted > 0
    assert sorted(windows) == sorted([(start, str(date.fromisoformat(end) + timedelta(days=6))),
                                      (third, str(date.fromisoformat(third) + timedelta(days=6)))])
    assert backfill.asset_materializations_for_node("crawled_items")[0].partition is not None


def test_the_weekly_stages_are_the_partitioned_assets_and_the_rest_cover_the_whole_warehouse():
    from pipelines.progress import weekly_stages

    assert [a.key.path[-1] for a in PARTITIONED] == list(weekly_stages())
    assert {a.key.path[-1] for a in ALL_ASSETS} - set(weekly_stages()) == {
        "alliance_reference", "researcher_views", "published_warehouse", "research_report"}


def test_partitions_are_mondays_from_june_2012():
    keys = publication_weeks.get_partition_keys(current_time=datetime(2012, 7, 3, tzinfo=UTC))
    assert keys == ["2012-06-04", "2012-06-11", "2012-06-18", "2012-06-25"]


def test_schedule_runs_monday_0600_utc_for_the_week_that_ended(tmp_path, monkeypatch):
    assert weekly_schedule.cron_schedule == "0 6 * * 1"
    assert weekly_schedule.execution_timezone == "UTC"
    default_scopes(monkeypatch)
    warehouse_file = tmp_path / "alliance.duckdb"
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(warehouse_file))
    context = build_schedule_context(scheduled_execution_time=datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
    [first_ever] = weekly_schedule(context)   # nothing crawled yet: every week
    assert (first_ever.tags[ASSET_PARTITION_RANGE_START_TAG], first_ever.tags[ASSET_PARTITION_RANGE_END_TAG]) == (
        "2012-06-04", "2026-11-23")
    publish_crawls(warehouse_file, [(spider, "2026-11-22", "complete") for spider in NAMES])
    [request] = weekly_schedule(context)
    assert request.partition_key == "2026-11-23"


def test_changed_codebook_retags_every_week_without_crawling_them_again():
    [same] = weekly_requests("2026-11-23", "2026.11.1", "2026.11.1")
    assert same.partition_key == "2026-11-23" and same.asset_selection is None   # every stage
    week, retag = weekly_requests("2026-11-23", "2026.12.1", "2026.11.1")
    assert week.partition_key == "2026-11-23" and week.asset_selection is None
    assert retag.partition_key is None
    assert retag.tags[ASSET_PARTITION_RANGE_START_TAG] == "2012-06-04"
    assert retag.tags[ASSET_PARTITION_RANGE_END_TAG] == "2026-11-23"
    names = {key.path[-1] for key in retag.asset_selection}
    assert "document_tags" in names and not names & {"crawled_items", "raw_documents", "extracted_texts"}


def test_retag_selection_runs_over_every_week_in_one_run():
    """The re-tag run's selection is a valid single run of the job over a range of weeks."""
    from pipelines.definitions import defs

    job = defs.resolve_job_def("weekly_pipeline")
    assert {key.path[-1] for key in RETAG_ASSETS} <= {key.path[-1] for key in job.asset_layer.executable_asset_keys}
    subset = job.get_subset(asset_selection=set(RETAG_ASSETS))
    assert subset.asset_layer.executable_asset_keys == set(RETAG_ASSETS)


def test_catch_up_starts_at_the_first_day_a_source_has_not_covered():
    newest = "2026-11-23"
    # a source (or Commission query) never crawled starts with every week
    assert first_week_to_crawl({"doj": None, "eu": None}, newest) == "2012-06-04"
    assert first_week_to_crawl({"doj": date(2026, 11, 22), "eu": None}, newest) == "2012-06-04"
    assert first_week_to_crawl({"doj": date(2026, 11, 22), "eu": date(2026, 11, 22)}, newest) == newest
    # EU's last complete crawl ended on Wednesday 2026-11-04: its week is read again
    assert first_week_to_crawl({"doj": date(2026, 11, 22), "eu": date(2026, 11, 4)}, newest) == "2026-11-02"
    assert first_week_to_crawl({"doj": date(2026, 11, 8)}, newest) == "2026-11-09"
    assert first_week_to_crawl({"doj": date(2011, 1, 1)}, newest) == "2012-06-04"
    assert first_week_to_crawl({"doj": date(2026, 12, 20)}, newest) == newest


def test_catch_up_request_covers_the_missed_weeks():
    [request] = weekly_requests("2026-11-23", "2026.11.1", "2026.11.1", first_week="2026-11-02")
    assert request.partition_key is None
    assert (request.tags[ASSET_PARTITION_RANGE_START_TAG], request.tags[ASSET_PARTITION_RANGE_END_TAG]) == (
        "2026-11-02", "2026-11-23")


def test_schedule_reads_crawl_coverage_from_the_published_copy(tmp_path, monkeypatch):
    """A weekly run that failed after its crawl of 2026-11-09 left the published copy covering up to
    2026-11-15 for the other sources but only 2026-11-08 for the Commission: the next tick runs from
    2026-11-09."""
    default_scopes(monkeypatch)
    warehouse_file = tmp_path / "alliance.duckdb"
    publish_crawls(warehouse_file, [(spider, "2026-11-08", "complete") for spider in NAMES]
                   + [(spider, "2026-11-15", "incomplete" if spider == "eu" else "complete")
                      for spider in NAMES])
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(warehouse_file))
    context = build_schedule_context(scheduled_execution_time=datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
    [request] = weekly_schedule(context)
    assert (request.tags[ASSET_PARTITION_RANGE_START_TAG], request.tags[ASSET_PARTITION_RANGE_END_TAG]) == (
        "2026-11-09", "2026-11-23")
    # a Commission query added since: its crawls start with every week
    monkeypatch.setenv("PRESSCORNER_QUERIES", "WePROTECT")
    [request] = weekly_schedule(context)
    assert request.tags[ASSET_PARTITION_RANGE_START_TAG] == "2012-06-04"


def default_scopes(monkeypatch):
    """Every registry source's scope from the registry (no scope variable in the environment)."""
    for entry in SOURCES:
        for argument in entry.scope:
            monkeypatch.delenv(entry.scope_variable(argument), raising=False)


def publish_crawls(warehouse_file, crawls):
    """Record (spider, until, outcome) crawls of windows from 2026-11-02, in the spider's default
    scope, and publish the warehouse."""
    from pipelines.resources import SourcesResource
    from warehouse.connection import connect
    from warehouse.crawl_records import record_crawl
    from warehouse.publish import publish
    from warehouse.schema import migrate

    with connect(warehouse_file) as conn:
        migrate(conn)
        for spider, until, outcome in crawls:
            arguments = {**SourcesResource().spider_scope(spider), "since": "2026-11-02", "until": until}
            stats = {"arguments": arguments, "items": 1,
                     "started_at": f"{until}T06:00:00", "finished_at": f"{until}T06:05:00"}
            record_crawl(conn, f"raw/crawls/{spider}-{until}.jsonl", spider, stats, outcome)
        publish(conn, warehouse_file)
