"""Re-extraction from the raw archive: every version's HTML rebuilt from the archived HTTP response
the spider read equals the HTML stored for it; versions whose response is gone or damaged are
counted and skipped, never extracted from nothing."""

import shutil
from dataclasses import replace

import duckdb
import pytest
from click.testing import CliRunner
from dagster import materialize

from pipelines.archive_source import MISSING, ArchivedVersion, ArchiveReader, archived_html
from pipelines.assets.collect import crawled_items, raw_documents
from pipelines.cli import main
from pipelines.partitions import publication_weeks
from pipelines.reextraction import reextract
from replica.faults import ChangedRelease
from replica.server import ReplicaServer
from spiders.doj.archived import is_listing as is_doj_listing

VERSIONS = ("SELECT doc_id, version, source, source_id, fetch_url, fetched_at, title, published, "
            "content_sha256, html FROM raw_documents ORDER BY doc_id, version")


def collect(resources_for, warehouse_file, weeks, faults=None, port=0, weekly=False):
    """Crawl the replica's weeks (or, weekly, the newest week alone, as the schedule does) into the
    warehouse; returns the replica's port (the same port again means the same URLs, as with the live
    sites)."""
    weeks = {"partition_key": publication_weeks.get_last_partition_key()} if weekly else {"tags": weeks}
    with ReplicaServer(port=port, faults=faults) as replica:
        assert materialize([crawled_items, raw_documents],
                           resources=resources_for(warehouse_file, replica), **weeks).success
        return replica.port


@pytest.fixture(scope="module")
def collected(tmp_path_factory, resources_for, replica_weeks):
    """A warehouse after a crawl of the replica's weeks, then a weekly crawl in which one release with
    an API body was revised."""
    warehouse_file = tmp_path_factory.mktemp("collected") / "alliance.duckdb"
    port = collect(resources_for, warehouse_file, replica_weeks)
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        [(uuid,)] = conn.execute("SELECT source_id FROM raw_documents WHERE source = 'doj' AND "
                                 "fetch_url LIKE '%press_releases.json%' "
                                 "ORDER BY published DESC, source_id LIMIT 1").fetchall()
    collect(resources_for, warehouse_file, replica_weeks, faults=ChangedRelease(uuid=uuid), port=port, weekly=True)
    return warehouse_file


@pytest.fixture
def warehouse(collected, tmp_path):
    """A copy of the collected warehouse and its raw archive, for one test to change."""
    shutil.copytree(collected.parent, tmp_path / "w")
    return tmp_path / "w" / "alliance.duckdb"


def stored_versions(conn):
    return [(ArchivedVersion(*row[:9]), row[9]) for row in conn.execute(VERSIONS).fetchall()]


def kind(doc: ArchivedVersion) -> str:
    if doc.source == "eu":
        return "commission document"
    return "doj api body" if is_doj_listing(doc.fetch_url) else "doj page"


def test_the_archive_gives_back_the_stored_html_of_every_version(warehouse):
    warc_dir = warehouse.parent / "raw" / "warc"
    with duckdb.connect(str(warehouse)) as conn:
        versions = stored_versions(conn)
        rebuilt = {(doc.doc_id, doc.version): archived_html(conn, warc_dir, doc) for doc, _ in versions}
    assert {kind(doc) for doc, _ in versions} == {"commission document", "doj api body", "doj page"}
    [revised] = [doc for doc, _ in versions if doc.version == 2]
    [original] = [doc for doc, _ in versions if doc.doc_id == revised.doc_id and doc.version == 1]
    # the revision came from the listing sorted by revision; the weekly crawl also fetched the first
    # page of the listing by date again, so the archive holds that URL twice and must pick by time
    assert "sort=changed" in revised.fetch_url and revised.fetched_at > original.fetched_at
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        twice = conn.execute("SELECT count(*) FROM (SELECT url FROM warc_records GROUP BY url "
                             "HAVING count(DISTINCT warc_file) > 1)").fetchone()[0]
    assert twice > 0
    wrong = [(doc.doc_id, doc.version, kind(doc)) for doc, html in versions
             if rebuilt[(doc.doc_id, doc.version)] != html]
    assert wrong == []


def test_a_batch_of_lookups_answers_each_version_as_its_own_lookup_does(warehouse):
    """One query serves a whole batch: each answer stays the version's own, whatever else the batch
    holds (the same version twice, a version never fetched, one whose URL the archive lacks)."""
    warc_dir = warehouse.parent / "raw" / "warc"
    with duckdb.connect(str(warehouse)) as conn:
        versions = [doc for doc, _ in stored_versions(conn)]
        batch = [*versions, versions[0], replace(versions[1], fetch_url=None),
                 replace(versions[2], fetch_url="https://www.justice.gov/never-archived")]
        together = ArchiveReader(conn, warc_dir).lookup_many(batch)
        alone = [ArchiveReader(conn, warc_dir).lookup(doc) for doc in batch]
    assert together == alone
    assert [(lookup.html, lookup.problem) for lookup in together[-2:]] == [(None, MISSING)] * 2
    assert all(lookup.html is not None for lookup in together[:len(versions)])


def test_reextract_from_archive_extracts_every_version_as_from_the_stored_html(warehouse):
    with duckdb.connect(str(warehouse)) as conn:
        total = conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0]
        result = reextract(conn, workers=1, from_archive=warehouse.parent / "raw" / "warc")
        assert (result.versions, result.archive_missing, result.archive_unreadable, result.archive_differs) \
            == (total, 0, 0, 0)
        assert result.retagged == total
        # the same extraction over the stored HTML changes no text
        again = reextract(conn, outdated_only=False, workers=1)
        assert (again.versions, again.text_changed) == (total, 0)


def test_versions_in_a_damaged_warc_file_are_counted_unreadable_and_not_extracted(warehouse):
    warc_dir = warehouse.parent / "raw" / "warc"
    first_doj = min(warc_dir.glob("doj-*.warc.gz"))
    data = bytearray(first_doj.read_bytes())
    # a disk that went bad half way through the file
    half = len(data) // 2
    data[half:] = bytes(b ^ 0x5A for b in data[half:])
    first_doj.write_bytes(bytes(data))
    with duckdb.connect(str(warehouse)) as conn:
        total = conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0]
        # versions whose response is archived only in the damaged half of that file
        only_there = {row[0] for row in conn.execute(
            "SELECT r.doc_id || '#' || r.version FROM raw_documents AS r WHERE NOT EXISTS ("
            " SELECT 1 FROM warc_records AS w WHERE w.url = r.fetch_url"
            " AND (w.warc_file <> ? OR w.\"offset\" < ?))", [first_doj.name, half]).fetchall()}
        assert only_there

        result = reextract(conn, workers=1, from_archive=warc_dir)

        extracted = {row[0] for row in conn.execute(
            "SELECT doc_id || '#' || version FROM extracted_texts").fetchall()}
        assert only_there.isdisjoint(extracted)
        assert result.archive_unreadable >= len(only_there)
        assert (result.versions + result.archive_unreadable, result.archive_missing) == (total, 0)
        assert len(extracted) == result.versions
        # what was extracted from the archive is what the stored HTML gives
        again = reextract(conn, outdated_only=False, workers=1)
        assert again.text_changed == result.archive_unreadable


def test_a_version_with_no_archived_response_is_counted_missing(warehouse):
    with duckdb.connect(str(warehouse)) as conn:
        [(doc_id, fetch_url)] = conn.execute(
            "SELECT doc_id, fetch_url FROM raw_documents WHERE source = 'eu' ORDER BY doc_id LIMIT 1").fetchall()
        sharing = conn.execute("SELECT count(*) FROM raw_documents WHERE fetch_url = ?", [fetch_url]).fetchone()[0]
        conn.execute("DELETE FROM warc_records WHERE url = ?", [fetch_url])

        result = reextract(conn, workers=1, from_archive=warehouse.parent / "raw" / "warc")

        assert result.archive_missing == sharing >= 1
        assert conn.execute("SELECT count(*) FROM extracted_texts WHERE doc_id = ?", [doc_id]).fetchone()[0] == 0


def test_an_archive_directory_that_does_not_exist_is_an_error_naming_it(warehouse, tmp_path):
    with duckdb.connect(str(warehouse)) as conn, pytest.raises(FileNotFoundError, match="nowhere"):
        reextract(conn, workers=1, from_archive=tmp_path / "nowhere")


def test_cli_reextracts_from_the_archive_beside_the_warehouse(warehouse, tmp_path):
    result = CliRunner().invoke(main, ["reextract", "--from-archive", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert "0 versions skipped (no archived response), 0 skipped (archived response unreadable)" in result.output

    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(warehouse, lone / "alliance.duckdb")
    failed = CliRunner().invoke(main, ["reextract", "--from-archive", "--warehouse", str(lone / "alliance.duckdb")])
    assert failed.exit_code == 2
    assert str(lone / "raw" / "warc") in failed.output
