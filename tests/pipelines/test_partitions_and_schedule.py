"""Weekly partitions: a two-week backfill touches only those weeks, a week re-runs alone; the schedule."""

from datetime import datetime, timezone

import duckdb
import pytest
from dagster import build_schedule_context, materialize
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from pipelines.assets import ALL_ASSETS
from pipelines.assets.collect import crawled_items, raw_documents
from pipelines.assets.tag import alliance_reference
from pipelines.partitions import publication_weeks
from pipelines.schedules import weekly_request, weekly_schedule
from spiders.replica.server import ReplicaServer

TRANSFORM = [a for a in ALL_ASSETS if a.partitions_def is not None]


@pytest.fixture(scope="module")
def collected(tmp_path_factory, resources_for):
    warehouse_file = tmp_path_factory.mktemp("warehouse") / "alliance.duckdb"
    with ReplicaServer() as replica:
        resources = resources_for(warehouse_file, replica)
        assert materialize([crawled_items, raw_documents, alliance_reference], resources=resources).success
    return warehouse_file, resources


def weeks_extracted(warehouse_file):
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        return {str(w) for (w,) in conn.execute(
            "SELECT DISTINCT date_trunc('week', published)::DATE FROM extracted_texts").fetchall()}


def busy_weeks(warehouse_file, limit):
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        return [str(w) for (w,) in conn.execute(
            "SELECT date_trunc('week', published)::DATE AS w FROM raw_documents WHERE published >= DATE '2012-06-04'"
            " GROUP BY w HAVING count(*) >= 1 ORDER BY count(*) DESC, w LIMIT ?", [limit]).fetchall()]


def test_two_week_backfill_then_one_week_alone(collected):
    warehouse_file, resources = collected
    first, second, third = busy_weeks(warehouse_file, 3)
    start, end = sorted([first, second])
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        in_range = {str(w) for (w,) in conn.execute(
            "SELECT DISTINCT date_trunc('week', published)::DATE FROM raw_documents "
            "WHERE published >= ?::DATE AND published < ?::DATE + 7", [start, end]).fetchall()}
    result = materialize(TRANSFORM, resources=resources,
                         tags={ASSET_PARTITION_RANGE_START_TAG: start, ASSET_PARTITION_RANGE_END_TAG: end})
    assert result.success
    assert weeks_extracted(warehouse_file) == in_range
    assert materialize(TRANSFORM, resources=resources, partition_key=third).success
    assert weeks_extracted(warehouse_file) == in_range | {third}
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        tagged = conn.execute("SELECT count(*) FROM document_relevance").fetchone()[0]
        extracted = conn.execute("SELECT count(*) FROM extracted_texts").fetchone()[0]
    assert tagged == extracted > 0


def test_partitions_are_mondays_from_june_2012():
    keys = publication_weeks.get_partition_keys(current_time=datetime(2012, 7, 3, tzinfo=timezone.utc))
    assert keys == ["2012-06-04", "2012-06-11", "2012-06-18", "2012-06-25"]


def test_schedule_runs_monday_0600_utc_for_the_week_that_ended(tmp_path, monkeypatch):
    assert weekly_schedule.cron_schedule == "0 6 * * 1"
    assert weekly_schedule.execution_timezone == "UTC"
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(tmp_path / "alliance.duckdb"))
    context = build_schedule_context(scheduled_execution_time=datetime(2026, 11, 30, 6, 0, tzinfo=timezone.utc))
    request = weekly_schedule(context)
    assert request.partition_key == "2026-11-23"


def test_changed_codebook_retags_every_week():
    same = weekly_request("2026-11-23", "2026.11.1", "2026.11.1")
    assert same.partition_key == "2026-11-23"
    changed = weekly_request("2026-11-23", "2026.12.1", "2026.11.1")
    assert changed.partition_key is None
    assert changed.tags[ASSET_PARTITION_RANGE_START_TAG] == "2012-06-04"
    assert changed.tags[ASSET_PARTITION_RANGE_END_TAG] == "2026-11-23"
