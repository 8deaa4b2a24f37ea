"""Collect through Dagster, repeatedly: a run of the newest week after a run of every week reads only
first listing pages and adds nothing; a revised release becomes a new version whatever week it was
published in; crawls (with their windows), aliases and raw responses are recorded."""

from datetime import date, timedelta
from pathlib import PurePosixPath

import duckdb
import pytest
from dagster import materialize

from pipelines.assets.collect import crawled_items, raw_documents
from pipelines.partitions import publication_weeks
from replica.faulting import listing_page_index
from replica.faults import ChangedRelease
from replica.server import ReplicaServer
from spiders.registry import NAMES

NEWEST_WEEK = publication_weeks.get_last_partition_key()


def collect(resources_for, warehouse_file, weeks, faults=None, weekly=False):
    """The replica's weeks in one run, or (weekly) the newest week alone, as the schedule runs it."""
    weeks = {"partition_key": NEWEST_WEEK} if weekly else {"tags": weeks}
    with ReplicaServer(faults=faults) as replica:
        resources = resources_for(warehouse_file, replica)
        assert materialize([crawled_items, raw_documents], resources=resources, **weeks).success
        return replica.requests


def table(warehouse_file, sql):
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory, resources_for, replica_weeks):
    """Every week the replica has documents in, then the newest week twice (the weeks between hold
    nothing, and would only cost Dagster an event per asset and week)."""
    warehouse_file = tmp_path_factory.mktemp("warehouse") / "alliance.duckdb"
    full = collect(resources_for, warehouse_file, replica_weeks)
    after_full = table(warehouse_file, "SELECT doc_id, version, content_sha256 FROM raw_documents ORDER BY ALL")
    weekly = collect(resources_for, warehouse_file, replica_weeks, weekly=True)
    after_weekly = table(warehouse_file, "SELECT doc_id, version, content_sha256 FROM raw_documents ORDER BY ALL")
    # revise a release the crawls cover (the API gives its body, so the change shows in the listing)
    [(uuid,)] = table(warehouse_file, "SELECT source_id FROM raw_documents WHERE source = 'doj' AND "
                                      "lower(html) NOT LIKE '%<html%' "
                                      "ORDER BY published DESC, source_id LIMIT 1")
    revised = ChangedRelease(uuid=uuid)
    collect(resources_for, warehouse_file, replica_weeks, faults=revised, weekly=True)
    return warehouse_file, full, weekly, after_full, after_weekly, revised


def listing_pages(requests):
    """(path, 0-based page) of each listing page asked for, of any source (its replica's hooks)."""
    return [(r.path, page) for r in requests if (page := listing_page_index(r)) is not None]


def test_newest_week_after_every_week_reads_only_first_pages_and_adds_nothing(three_runs):
    _, full, weekly, after_full, after_weekly, _ = three_runs
    assert any(page > 0 for _, page in listing_pages(full))  # the full crawl paged on
    assert {page for _, page in listing_pages(weekly)} == {0}
    assert {path for path, _ in listing_pages(weekly)} == {path for path, _ in listing_pages(full)}
    assert after_weekly == after_full
    assert len(weekly) < len(full) / 3


def test_release_revised_years_ago_is_stored_as_a_new_version_by_a_weekly_run(three_runs):
    warehouse_file, *_, revised = three_runs
    versions = table(warehouse_file, f"SELECT version, html LIKE '%Correction:%' FROM raw_documents "
                                     f"WHERE doc_id = 'doj:{revised.uuid}' ORDER BY version")
    assert versions == [(1, False), (2, True)]
    assert table(warehouse_file, "SELECT count(*) FROM raw_documents WHERE version > 1") == [(1,)]


def test_each_crawl_is_recorded_with_the_weeks_it_covered(three_runs, replica_weeks):
    warehouse_file = three_runs[0]
    rows = table(warehouse_file, "SELECT crawl_file, started_at, spider, outcome, requests > 0, "
                                 "watermark_after IS NOT NULL, json_extract_string(arguments, '$.since'), "
                                 "json_extract_string(arguments, '$.until') FROM crawl_runs")
    by_run = {}   # a run's crawls share its crawl directory and run at the same time
    for crawl_file, started_at, *record in rows:
        by_run.setdefault(str(PurePosixPath(crawl_file).parent), []).append((started_at, tuple(record)))
    runs = [sorted((record for _, record in crawls), key=lambda r: NAMES.index(r[0]))
            for crawls in sorted(by_run.values(), key=lambda crawls: min(started for started, _ in crawls))]
    first, last = replica_weeks.values()
    sunday = {week: str(date.fromisoformat(week) + timedelta(days=6)) for week in (last, NEWEST_WEEK)}
    assert [[r[:3] for r in run] for run in runs] == [[(spider, "complete", True) for spider in NAMES]] * 3
    assert [{tuple(r[4:]) for r in run} for run in runs] == [{(first, sunday[last])},
                                                             {(NEWEST_WEEK, sunday[NEWEST_WEEK])},
                                                             {(NEWEST_WEEK, sunday[NEWEST_WEEK])}]
    assert all(r[3] for r in runs[0])  # the newest publication date a full crawl saw


def test_aliases_and_archived_responses_are_indexed(three_runs):
    warehouse_file = three_runs[0]
    numbers = table(warehouse_file, "SELECT count(*) FROM document_aliases a JOIN raw_documents r USING (doc_id) "
                                    "WHERE r.source = 'doj' AND a.alias = json_extract_string(r.api_metadata, '$.number')")
    assert numbers[0][0] > 0
    archived = table(warehouse_file, "SELECT count(*), count(DISTINCT warc_file), min(status) FROM warc_records")
    assert archived[0][0] > 50 and archived[0][1] >= 6 and archived[0][2] == 200


def test_weekly_run_carries_an_old_releases_revision_through_extraction_and_tagging(three_runs, tmp_path):
    from pipelines.assets.extract import extracted_texts
    from pipelines.assets.tag import alliance_reference, document_tags
    from pipelines.resources import WarehouseResource

    source, *_, revised = three_runs
    warehouse_file = tmp_path / "alliance.duckdb"
    warehouse_file.write_bytes(source.read_bytes())  # the other tests read the collected warehouse as it is
    resources = {"warehouse": WarehouseResource(database=str(warehouse_file))}
    assert materialize([alliance_reference], resources=resources).success
    assert materialize([extracted_texts, document_tags], resources=resources, partition_key=NEWEST_WEEK).success
    doc_id = f"doj:{revised.uuid}"
    assert table(warehouse_file, "SELECT doc_id, version FROM extracted_texts") == [(doc_id, 2)]
    assert table(warehouse_file, "SELECT doc_id, version FROM document_relevance") == [(doc_id, 2)]
    [(published,)] = table(warehouse_file, f"SELECT published FROM extracted_texts WHERE doc_id = '{doc_id}'")
    assert published < date.fromisoformat(NEWEST_WEEK)
