"""Collect through Dagster, repeatedly: a weekly run after a full run reads only first listing pages and
adds nothing; a revised release becomes a new version; crawls, aliases and raw responses are recorded."""

import duckdb
import pytest
from dagster import materialize

from pipelines.assets.collect import crawled_items, raw_documents
from spiders.replica.faults import ChangedRelease
from spiders.replica.server import ReplicaServer

LISTINGS = {"/api/v1/press_releases.json": "page", "/commission/presscorner/api/search": "pagenumber"}


def collect(resources_for, warehouse_file, faults=None):
    with ReplicaServer(faults=faults) as replica:
        resources = resources_for(warehouse_file, replica)
        assert materialize([crawled_items, raw_documents], resources=resources).success
        return replica.requests


def table(warehouse_file, sql):
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory, resources_for):
    warehouse_file = tmp_path_factory.mktemp("warehouse") / "alliance.duckdb"
    full = collect(resources_for, warehouse_file)
    after_full = table(warehouse_file, "SELECT doc_id, version, content_sha256 FROM raw_documents ORDER BY ALL")
    weekly = collect(resources_for, warehouse_file)
    after_weekly = table(warehouse_file, "SELECT doc_id, version, content_sha256 FROM raw_documents ORDER BY ALL")
    # revise a release the crawls cover (the API gives its body, so the change shows in the listing)
    [(uuid,)] = table(warehouse_file, "SELECT source_id FROM raw_documents WHERE source = 'doj' AND "
                                      "lower(html) NOT LIKE '%<html%' "
                                      "ORDER BY published DESC, source_id LIMIT 1")
    revised = ChangedRelease(uuid=uuid)
    collect(resources_for, warehouse_file, faults=revised)
    return warehouse_file, full, weekly, after_full, after_weekly, revised


def listing_pages(requests):
    return [(r.path, r.param(param)) for r in requests for path, param in LISTINGS.items() if r.path == path]


def test_weekly_run_after_full_run_reads_only_first_pages_and_adds_nothing(three_runs):
    _, full, weekly, after_full, after_weekly, _ = three_runs
    assert any(page not in ("0", "1") for _, page in listing_pages(full))  # the full crawl paged on
    assert {page for path, page in listing_pages(weekly)} <= {"0", "1"}
    assert {path for path, _ in listing_pages(weekly)} == set(LISTINGS)
    assert after_weekly == after_full
    assert len(weekly) < len(full) / 3


def test_revised_release_is_stored_as_a_new_version_and_the_old_one_kept(three_runs):
    warehouse_file, *_, revised = three_runs
    versions = table(warehouse_file, f"SELECT version, html LIKE '%Correction:%' FROM raw_documents "
                                     f"WHERE doc_id = 'doj:{revised.uuid}' ORDER BY version")
    assert versions == [(1, False), (2, True)]
    assert table(warehouse_file, "SELECT count(*) FROM raw_documents WHERE version > 1") == [(1,)]


def test_each_crawl_is_recorded_with_its_watermark(three_runs):
    warehouse_file = three_runs[0]
    runs = table(warehouse_file, "SELECT spider, outcome, requests > 0, watermark_after IS NOT NULL, "
                                 "json_extract_string(arguments, '$.watermark') IS NOT NULL FROM crawl_runs ORDER BY started_at")
    assert [r[:4] for r in runs] == [(spider, "complete", True, True) for spider in ("doj", "eu") * 3]
    assert [r[4] for r in runs] == [False, False, True, True, True, True]   # later crawls resume


def test_aliases_and_archived_responses_are_indexed(three_runs):
    warehouse_file = three_runs[0]
    numbers = table(warehouse_file, "SELECT count(*) FROM document_aliases a JOIN raw_documents r USING (doc_id) "
                                    "WHERE r.source = 'doj' AND a.alias = json_extract_string(r.api_metadata, '$.number')")
    assert numbers[0][0] > 0
    archived = table(warehouse_file, "SELECT count(*), count(DISTINCT warc_file), min(status) FROM warc_records")
    assert archived[0][0] > 50 and archived[0][1] >= 6 and archived[0][2] == 200
