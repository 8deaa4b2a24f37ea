"""Reading the versions awaiting extraction batch by batch, while the caller stores texts between batches."""

from datetime import date

from warehouse.bulk import insert_rows
from warehouse.texts import STORAGE_VECTOR_ROWS, ExtractedRow, pending_extraction, save_extracted


def add_version(conn, source_id, version=1, published=date(2014, 3, 3), html=None):
    conn.execute(
        "INSERT INTO raw_documents (doc_id, version, source, source_id, url, title, published, html, "
        "content_sha256, crawl_file) VALUES (?, ?, 'doj', ?, ?, ?, ?, ?, ?, 'crawl.jsonl')",
        [f"doj:{source_id}", version, source_id, f"https://www.justice.gov/opa/pr/{source_id}",
         f"Release {source_id}", published, html or f"<p>Page of {source_id} v{version}</p>",
         f"hash-{source_id}-{version}"],
    )


def extracted(doc_id, version, text="Text."):
    return ExtractedRow(doc_id, version, text, date(2014, 3, 3), "api", "test-extractor", "en", "doj", "T")


def test_every_pending_version_comes_once_with_its_own_page(conn):
    for number in range(11):
        add_version(conn, f"r{number}")
    save_extracted(conn, [extracted("doj:r4", 1)])
    batches = list(pending_extraction(conn, date.min, date.max, batch_size=3))
    assert [len(batch) for batch in batches] == [3, 3, 3, 1]
    seen = [doc for batch in batches for doc in batch]
    assert sorted(doc.doc_id for doc in seen) == sorted(f"doj:r{n}" for n in range(11) if n != 4)
    assert all(doc.page == f"<p>Page of {doc.doc_id[4:]} v1</p>" for doc in seen)


def test_pages_come_as_utf8_bytes_and_decode_to_the_stored_text(conn):
    page = "<p>Zürich – 10 € – Ελλάδα – 東京</p>"
    add_version(conn, "accents", html=page)
    [[doc]] = list(pending_extraction(conn, date.min, date.max))
    assert doc.html == page.encode("utf-8")
    assert doc.page == page


def test_a_batch_never_spans_two_storage_vectors(conn):
    """Each storage vector is decompressed whole, so it is read in one piece and split, never shared."""
    rows = STORAGE_VECTOR_ROWS + 2
    insert_rows(conn, "INSERT INTO raw_documents (doc_id, version, source, source_id, published, html, "
                "content_sha256, crawl_file) VALUES",
                [(f"doj:v{n}", 1, "doj", f"v{n}", date(2014, 3, 3), f"<p>{n}</p>", f"h{n}", "c.jsonl")
                 for n in range(rows)])
    half = STORAGE_VECTOR_ROWS // 2 - 24
    sizes = [len(batch) for batch in pending_extraction(conn, date.min, date.max, batch_size=half)]
    assert sizes == [half, half, STORAGE_VECTOR_ROWS - 2 * half, 2]


def test_window_keeps_undated_versions_and_revisions(conn):
    add_version(conn, "in-window", published=date(2014, 3, 3))
    add_version(conn, "before", published=date(2013, 1, 7))
    add_version(conn, "undated", published=None)
    add_version(conn, "revised", version=2, published=date(2012, 12, 5))
    batches = list(pending_extraction(conn, date(2014, 3, 3), date(2014, 3, 10)))
    assert sorted((doc.doc_id, doc.version) for batch in batches for doc in batch) == [
        ("doj:in-window", 1), ("doj:revised", 2), ("doj:undated", 1)]


def test_texts_stored_between_batches_change_nothing_already_listed(conn):
    for number in range(9):
        add_version(conn, f"r{number}")
    seen = []
    for batch in pending_extraction(conn, date.min, date.max, batch_size=2):
        seen += [doc.doc_id for doc in batch]
        save_extracted(conn, [extracted(doc.doc_id, doc.version) for doc in batch])
        add_version(conn, f"late-{len(seen)}")   # arrives after the listing: left for the next run
    assert sorted(seen) == sorted(f"doj:r{n}" for n in range(9))
    assert conn.execute("SELECT count(*) FROM extracted_texts").fetchone()[0] == 9
    assert [len(b) for b in pending_extraction(conn, date.min, date.max)] == [5]


def test_nothing_pending_yields_no_batch(conn):
    add_version(conn, "done")
    save_extracted(conn, [extracted("doj:done", 1)])
    assert list(pending_extraction(conn, date.min, date.max)) == []


def test_one_thread_is_undone_after_the_reads_even_on_error(conn):
    from warehouse.connection import one_thread

    conn.execute("SET threads = 3")
    try:
        with one_thread(conn):
            assert conn.execute("SELECT current_setting('threads')").fetchone()[0] == 1
            raise RuntimeError("a failed batch")
    except RuntimeError:
        pass
    assert conn.execute("SELECT current_setting('threads')").fetchone()[0] == 3
    add_version(conn, "r1")
    for _batch in pending_extraction(conn, date.min, date.max):
        assert conn.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    assert conn.execute("SELECT current_setting('threads')").fetchone()[0] == 3


def test_a_text_is_stored_once_unless_it_replaces_an_earlier_one(conn):
    import duckdb
    import pytest

    add_version(conn, "r1")
    save_extracted(conn, [extracted("doj:r1", 1, "First.")])
    with pytest.raises(duckdb.ConstraintException):
        save_extracted(conn, [extracted("doj:r1", 1, "Again.")])
    save_extracted(conn, [extracted("doj:r1", 1, "Re-extracted.")], replacing=True)
    assert conn.execute("SELECT text FROM extracted_texts").fetchall() == [("Re-extracted.",)]
