"""The content hash that tells a changed document: one definition for Python and the loader's SQL,
equal to the hash warehouses loaded before it was moved out of SQL hold."""

from datetime import date

import duckdb
import pytest

from warehouse.content_hash import content_sha256, register_content_hash

CASES = [
    ("Title", "<p>page</p>", "2014-06-10"),
    (None, None, None),
    ("", "", ""),
    ("Ünïcödé – “quotes”", "<p>日本語 and emoji 🙂</p>", None),
    ("a\x1fb", "c", "d"),          # the separator inside a field
    ("t", "x" * 100_000, "2014-06-10"),   # a page long enough for hashlib to release the GIL
]


@pytest.fixture
def conn():
    with duckdb.connect() as connection:
        register_content_hash(connection)
        yield connection


@pytest.mark.parametrize("title, html, published", CASES)
def test_sql_and_python_give_the_hash_duckdb_gave_before(conn, title, html, published):
    # what the loader's SQL computed before the hash moved to Python: stored hashes must still match
    before = conn.execute("SELECT sha256(COALESCE(?, '') || chr(31) || COALESCE(?, '') || chr(31) || "
                          "COALESCE(?, ''))", [title, html, published]).fetchone()[0]
    in_sql = conn.execute("SELECT item_content_sha256(?, ?, ?)", [title, html, published]).fetchone()[0]
    assert in_sql == before == content_sha256(title, html, published)


def test_a_date_hashes_as_its_iso_text():
    assert content_sha256("t", "h", date(2014, 6, 10)) == content_sha256("t", "h", "2014-06-10")


def test_registering_twice_keeps_one_function(conn):
    register_content_hash(conn)
    found = conn.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'item_content_sha256'")
    assert found.fetchall() == [(1,)]


def test_the_hash_runs_on_many_rows_on_every_thread(conn):
    conn.execute("SET threads = 2")
    rows = conn.execute("SELECT count(DISTINCT item_content_sha256('t', repeat('x', 3000) || i::VARCHAR, NULL)), "
                        "bool_and(item_content_sha256('t', 'p' || i::VARCHAR, NULL) = "
                        "sha256('t' || chr(31) || 'p' || i::VARCHAR || chr(31))) FROM range(50000) AS r(i)").fetchone()
    assert rows == (50000, True)


def test_a_load_that_failed_leaves_the_hash_usable_by_the_next(tmp_path):
    """A load started inside an open transaction fails (it writes in one of its own), and must not
    leave the connection unable to hash once that transaction is rolled back."""
    from warehouse.raw import load_crawl_file
    from warehouse.schema import migrate

    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text('{"source": "doj", "source_id": "1", "title": "T", "html": "<p>x</p>"}\n')
    with duckdb.connect() as conn:
        migrate(conn)
        conn.execute("BEGIN TRANSACTION")
        with pytest.raises(duckdb.Error):   # BEGIN inside an open transaction: the load cannot start
            load_crawl_file(conn, crawl, source="doj")
        conn.execute("ROLLBACK")
        loaded = load_crawl_file(conn, crawl, source="doj")
        assert loaded.new_versions == 1
        stored = conn.execute("SELECT content_sha256 FROM raw_documents").fetchall()
        assert stored == [(content_sha256("T", "<p>x</p>", None),)]
