"""The published copy stores each view as a table: researchers get the same rows as the warehouse's
views give, without recomputing them, and the warehouse itself keeps its views."""

import os
import shutil
import subprocess
import sys
from datetime import date

import duckdb
import pytest

from pipelines.reference_files import GOALS_CSV, ROSTER_CSV
from warehouse.publish import (
    MATERIALIZED_SCHEMA,
    dependencies,
    dependency_order,
    publish,
    published_path,
)
from warehouse.tags import load_reference

RESEARCHER_VIEWS = {"documents", "canonical_documents", "document_canonical", "member_goal_documents",
                    "member_goal_quarterly", "member_timeline", "goal_activity_quarterly", "coverage",
                    "current_document_members", "current_document_goals", "current_document_events",
                    "goal_activity_quarterly_by_source", "member_goal_quarterly_by_source", "quarter_coverage"}
# Views whose definition sorts its rows: a researcher reading them without ORDER BY relies on it.
SORTED_VIEWS = ["goal_activity_quarterly", "member_goal_quarterly", "member_timeline", "coverage"]
CODEBOOK = "cb-current"

# (doc_id, version, published in the listing, published in the text, relevant; None: not tagged)
DOCUMENTS = [
    ("doj:first", 1, date(2013, 2, 11), date(2013, 2, 11), True),
    ("doj:first", 2, date(2013, 2, 11), date(2013, 2, 12), True),      # the text dates it a day later
    ("doj:same-release", 1, date(2013, 2, 12), date(2013, 2, 12), True),
    ("eu:IP/13/100", 1, date(2013, 7, 3), date(2013, 7, 3), True),
    ("eu:IP/13/101", 1, date(2013, 7, 4), date(2013, 7, 4), True),
    ("eu:IP/14/7", 1, date(2014, 1, 15), date(2014, 1, 15), False),
    ("doj:undated", 1, None, None, True),
    ("doj:not-yet-tagged", 1, date(2014, 3, 3), date(2014, 3, 3), None),
]
# (doc_id, version, member, how, member on the date)
MEMBERS = [
    ("doj:first", 2, "US", "issuer", True), ("doj:first", 2, "GB", "mentioned", True),
    ("doj:same-release", 1, "US", "issuer", True), ("doj:same-release", 1, "GB", "mentioned", True),
    ("eu:IP/13/100", 1, "DE", "mentioned", True), ("eu:IP/13/100", 1, "ZZ", "mentioned", None),
    ("eu:IP/13/101", 1, "FR", "mentioned", True), ("doj:undated", 1, "US", "issuer", None),
]
# (doc_id, version, goal, mode)
GOALS = [
    ("doj:first", 2, "victims", "action"), ("doj:first", 2, "victims", "commitment"),
    ("doj:first", 2, "prosecution", "commitment"), ("doj:same-release", 1, "victims", "action"),
    ("eu:IP/13/100", 1, "awareness", "commitment"), ("eu:IP/13/101", 1, "availability", "action"),
    ("doj:undated", 1, "availability", "action"),
]

# (doc_id, version, member, goal, mode, role)
EVENTS = [
    ("doj:first", 2, "US", "victims", "action", "actor"), ("doj:first", 2, "GB", "victims", "commitment", "partner"),
    ("doj:first", 2, "US", "prosecution", "commitment", "actor"),
    ("doj:same-release", 1, "US", "victims", "action", "actor"),
    ("eu:IP/13/100", 1, "DE", "awareness", "commitment", "signatory"),
    ("eu:IP/13/100", 1, "ZZ", "awareness", "commitment", "signatory"),
    ("eu:IP/13/101", 1, "FR", "availability", "action", "actor"),
    ("doj:undated", 1, "US", "availability", "action", "actor"),
]


def fill(conn):
    """A warehouse that reaches every branch of the views: versions, an older codebook, a valid and
    a stale duplicate link, an undated and an untagged document, a member not on the roster."""
    load_reference(conn, str(ROSTER_CSV), str(GOALS_CSV))
    conn.execute("INSERT INTO pipeline_state VALUES ('codebook_version', ?)", [CODEBOOK])
    for doc_id, version, listed, dated, relevant in DOCUMENTS:
        source, source_id = doc_id.split(":", 1)
        conn.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, url, title, published, "
                     "content_sha256, fetched_at, crawl_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), 'c1')",
                     [doc_id, version, source, source_id, f"https://example.org/{source_id}",
                      f"Release {source_id} v{version}", listed, f"{doc_id}#{version}"])
        text = "" if doc_id == "doj:not-yet-tagged" else f"Text of {doc_id}."
        conn.execute("INSERT INTO extracted_texts (doc_id, version, text, published, extractor_version, "
                     "extracted_at) VALUES (?, ?, ?, ?, 'x', now())", [doc_id, version, text, dated])
        for codebook in ("cb-old", CODEBOOK) if relevant is not None else ():
            conn.execute("INSERT INTO document_relevance (doc_id, version, codebook_version, relevant, "
                         "tagged_at) VALUES (?, ?, ?, ?, now())",
                         [doc_id, version, codebook, relevant if codebook == CODEBOOK else not relevant])
    for doc_id, version, member, how, on_date in MEMBERS:
        sentence = None if how == "issuer" else f"{member} is named in {doc_id}."
        for codebook in ("cb-old", CODEBOOK):
            conn.execute("INSERT INTO document_members VALUES (?, ?, ?, ?, ?, ?, 'text', 0, 9, ?)",
                         [doc_id, version, codebook, member, how, on_date, sentence])
    for index, (doc_id, version, goal, mode) in enumerate(GOALS):
        conn.execute("INSERT INTO document_goals VALUES (?, ?, ?, ?, ?, 0.9, 'text', ?, ?, ?)",
                     [doc_id, version, CODEBOOK, goal, mode, index, index + 5, f"{goal} {mode} in {doc_id}."])
    for index, (doc_id, version, member, goal, mode, role) in enumerate(EVENTS):
        for codebook in ("cb-old", CODEBOOK):
            conn.execute("INSERT INTO document_events VALUES (?, ?, ?, ?, ?, ?, ?, 0.8, ?, 'text', ?, ?, ?, NULL, NULL, NULL, NULL)",
                         [doc_id, version, codebook, member, goal, mode, role, member != "ZZ", index,
                          index + 5, f"{member} {goal} {mode} in {doc_id}."])
    conn.execute("INSERT INTO document_duplicates VALUES ('doj:same-release', 1, 'doj:first', 2, 0.97, "
                 "'shingles', now()), ('eu:IP/13/101', 1, 'eu:IP/13/100', 9, 0.9, 'anchors', now())")
    conn.execute("INSERT INTO crawl_listing_counts VALUES ('c1', 'doj', DATE '2013-02-11', 3), "
                 "('c2', 'doj', DATE '2013-02-11', 1), ('c1', 'doj', NULL, 1), "
                 "('c1', 'eu', DATE '2013-07-01', 5)")
    conn.execute("INSERT INTO warc_file_scans VALUES ('a.warc.gz', 10, 1, 0, 'truncated gzip', now())")


@pytest.fixture
def warehouse(tmp_path, new_warehouse):
    path = tmp_path / "alliance.duckdb"
    with new_warehouse(path) as conn:
        fill(conn)
    return path


def views_of(conn, catalog):
    return dict(conn.execute("SELECT view_name, sql FROM duckdb_views() WHERE database_name = ? "
                             "AND schema_name = 'main' AND NOT internal", [catalog]).fetchall())


def rows(conn, relation):
    return conn.execute(f"SELECT * FROM {relation} ORDER BY ALL").fetchall()


def columns(conn, relation):
    return [(name, kind) for name, kind, *_ in conn.execute(f"DESCRIBE {relation}").fetchall()]


@pytest.fixture
def live_and_published(warehouse):
    """One connection with the warehouse attached as `live` and its published copy as `pub`."""
    with duckdb.connect(str(warehouse)) as conn:
        published = publish(conn, warehouse)
    conn = duckdb.connect()
    conn.execute("ATTACH ? AS live (READ_ONLY)", [str(warehouse)])
    conn.execute("ATTACH ? AS pub (READ_ONLY)", [str(published)])
    yield conn
    conn.close()


def test_every_view_answers_in_the_published_copy_as_in_the_warehouse(live_and_published):
    conn = live_and_published
    views = views_of(conn, "live")
    assert RESEARCHER_VIEWS <= set(views)
    assert set(views_of(conn, "pub")) == set(views)
    for view in views:
        expected = rows(conn, f"live.{view}")
        assert expected, f"{view} is empty in the fixture: the comparison would prove nothing"
        assert columns(conn, f"pub.{view}") == columns(conn, f"live.{view}"), view
        assert rows(conn, f"pub.{view}") == expected, view


def test_sorted_views_keep_their_order(live_and_published):
    conn = live_and_published
    for view in SORTED_VIEWS:
        expected = conn.execute(f"SELECT * FROM live.{view}").fetchall()
        assert len(expected) > 1, view
        assert conn.execute(f"SELECT * FROM pub.{view}").fetchall() == expected, view


def test_a_long_sorted_view_keeps_its_order_though_the_pipeline_does_not_keep_insertion_order(warehouse):
    # the pipeline's connection lets DuckDB drop insertion order for speed; stored rows of a view
    # that sorts must still read back in its order, at a size where DuckDB works in parallel
    with duckdb.connect(str(warehouse), config={"preserve_insertion_order": False}) as conn:
        conn.execute("CREATE TABLE weeks AS SELECT i AS week, i % 7 AS day FROM range(500000) AS t(i)")
        conn.execute("CREATE VIEW weeks_newest_first AS SELECT * FROM weeks ORDER BY day, week DESC")
        published = publish(conn, warehouse)
    with duckdb.connect(str(published), read_only=True) as reader:
        stored = reader.execute("SELECT week, day FROM weeks_newest_first").fetchall()
    assert stored == sorted(stored, key=lambda row: (row[1], -row[0]))
    assert len(stored) == 500000


def test_researcher_filters_give_the_same_answer(live_and_published):
    conn = live_and_published
    asked = ["SELECT doc_id, title FROM {}.documents WHERE relevant AND published < DATE '2013-07-04'",
             "SELECT * FROM {}.member_goal_quarterly WHERE member_code = 'GB'",
             "SELECT member_code, goal, first_doc_id FROM {}.member_timeline WHERE member_name IS NULL",
             "SELECT count(*) FROM {}.canonical_documents",
             "SELECT week, missing, status FROM {}.coverage WHERE source = 'doj' AND listed IS NOT NULL"]
    for sql in asked:
        expected = conn.execute(sql.format("live") + " ORDER BY ALL").fetchall()
        assert expected, sql
        assert conn.execute(sql.format("pub") + " ORDER BY ALL").fetchall() == expected, sql


def test_published_views_read_stored_rows_not_the_data_tables(warehouse, tmp_path):
    with duckdb.connect(str(warehouse)) as conn:
        published = publish(conn, warehouse)
    scratch = tmp_path / "scratch.duckdb"  # a writable copy of the publication, to empty its data
    shutil.copyfile(published, scratch)
    with duckdb.connect(str(scratch)) as conn:
        before = {view: rows(conn, view) for view in RESEARCHER_VIEWS}
        for table in ("raw_documents", "extracted_texts", "document_relevance", "document_members",
                      "document_goals", "document_events", "crawl_listing_counts"):
            conn.execute(f"DELETE FROM {table}")
        assert {view: rows(conn, view) for view in RESEARCHER_VIEWS} == before
        stored = {name for (name,) in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = ?", [MATERIALIZED_SCHEMA]).fetchall()}
    assert RESEARCHER_VIEWS <= stored


def test_the_warehouse_keeps_computing_its_views(warehouse):
    with duckdb.connect(str(warehouse)) as conn:
        definitions = views_of(conn, "alliance")
        publish(conn, warehouse)
        assert views_of(conn, "alliance") == definitions
        assert conn.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?",
                            [MATERIALIZED_SCHEMA]).fetchone() == (0,)
        conn.execute("DELETE FROM document_events")  # the warehouse's views follow its data at once
        assert conn.execute("SELECT count(*) FROM member_goal_documents").fetchone() == (0,)


def test_the_published_copy_reads_under_any_name(warehouse, tmp_path):
    with duckdb.connect(str(warehouse)) as conn:
        published = publish(conn, warehouse)
        expected = rows(conn, "member_timeline")
    renamed = tmp_path / "elsewhere" / "copy-for-a-colleague.duckdb"
    renamed.parent.mkdir()
    shutil.copyfile(published, renamed)
    with duckdb.connect() as conn:
        conn.execute("ATTACH ? AS colleague (READ_ONLY)", [str(renamed)])
        assert rows(conn, "colleague.member_timeline") == expected


def test_a_new_publication_stores_the_new_rows(warehouse):
    with duckdb.connect(str(warehouse)) as conn:
        publish(conn, warehouse)
        conn.execute("UPDATE document_relevance SET relevant = true WHERE doc_id = 'eu:IP/14/7'")
        conn.execute("INSERT INTO document_goals VALUES ('eu:IP/14/7', 1, ?, 'prosecution', 'action', 0.9, "
                     "'text', 0, 5, 'Charged.')", [CODEBOOK])
        conn.execute("INSERT INTO document_members VALUES ('eu:IP/14/7', 1, ?, 'DE', 'mentioned', true, "
                     "'text', 0, 5, 'Germany.')", [CODEBOOK])
        conn.execute("INSERT INTO document_events VALUES ('eu:IP/14/7', 1, ?, 'DE', 'prosecution', 'action', "
                     "'actor', 0.8, true, 'text', 0, 5, 'German police charged him.', 0, 6, 14, 21)", [CODEBOOK])
        expected = rows(conn, "member_goal_quarterly")
        target = publish(conn, warehouse)
    with duckdb.connect(str(target), read_only=True) as reader:
        assert rows(reader, "member_goal_quarterly") == expected
        assert reader.execute("SELECT count(*) FROM member_goal_documents WHERE doc_id = 'eu:IP/14/7'"
                              ).fetchone() == (1,)


def test_a_failed_publication_keeps_the_old_copy_and_leaves_nothing_behind(warehouse):
    with duckdb.connect(str(warehouse), config={"preserve_insertion_order": False}) as conn:
        target = publish(conn, warehouse)
        old = target.read_bytes()
        # a view that only fails when computed, as a bad value in the data would make it
        conn.execute("CREATE VIEW state_numbers AS SELECT CAST(value AS INTEGER) AS n FROM pipeline_state")
        with pytest.raises(duckdb.ConversionException, match="cb-current"):
            publish(conn, warehouse)
        assert target.read_bytes() == old
        assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
        # the pipeline's connection is left as it was: its setting back, the copy detached
        assert conn.execute("SELECT current_setting('preserve_insertion_order')").fetchone() == (False,)
        assert [name for (name,) in conn.execute(
            "SELECT database_name FROM duckdb_databases() WHERE NOT internal").fetchall()] == ["alliance"]


CRASHING_PUBLICATION = """
import os, shutil, sys, duckdb
warehouse, staging = sys.argv[1:]
shutil.copyfile(warehouse, staging)
conn = duckdb.connect(staging)
conn.execute("PRAGMA disable_checkpoint_on_shutdown")
conn.execute("CREATE SCHEMA materialized")
conn.execute("CREATE TABLE materialized.documents AS SELECT 'half-made' AS doc_id")
os._exit(9)                                # killed before the copy was finished or renamed
"""


def test_a_publication_killed_half_way_does_not_spoil_the_next(warehouse):
    target = published_path(warehouse)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # as a process of this id left it
    crash = subprocess.run([sys.executable, "-c", CRASHING_PUBLICATION, str(warehouse), str(staging)],
                           check=False, capture_output=True, text=True)
    assert crash.returncode == 9, crash.stderr
    assert staging.with_name(staging.name + ".wal").exists(), "the crash should leave its log behind"
    with duckdb.connect(str(warehouse)) as conn:
        expected = rows(conn, "documents")
        publish(conn, warehouse)
    with duckdb.connect(str(target), read_only=True) as reader:
        assert rows(reader, "documents") == expected
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_publishing_a_missing_warehouse_names_it(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with duckdb.connect() as conn, pytest.raises(FileNotFoundError, match="nowhere.duckdb"):
        publish(conn, missing)
    assert not published_path(missing).exists()
    assert not list(published_path(missing).parent.iterdir())


def test_views_come_after_the_views_they_read():
    definitions = {
        "summary": "SELECT count(*) FROM member_rows JOIN documents USING (doc_id)",
        "member_rows": "SELECT * FROM documents WHERE relevant",
        "canonical_documents": "SELECT * FROM documents",
        "documents": "SELECT * FROM raw_documents",  # not a view: no dependency
    }
    order = dependency_order(definitions)
    assert sorted(order) == sorted(definitions)
    position = order.index
    assert position("documents") < position("member_rows") < position("summary")
    assert position("documents") < position("canonical_documents")


def test_a_name_inside_a_longer_identifier_is_not_a_dependency():
    found = dependencies({"documents": "SELECT * FROM raw_documents",
                          "summary": "SELECT count(*) FROM canonical_documents_2014, \"documents\"",
                          "canonical_documents": "SELECT * FROM documents_archive"})
    assert found == {"documents": set(), "summary": {"documents"}, "canonical_documents": set()}


def test_names_that_seem_to_read_each_other_still_give_every_view_once():
    # a column named like another view in each definition looks like a cycle
    definitions = {"coverage": "SELECT 1 AS timeline", "timeline": "SELECT 2 AS coverage"}
    assert sorted(dependency_order(definitions)) == ["coverage", "timeline"]
