"""Store near-duplicate links and read the texts a near-duplicate pass compares."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import duckdb

from warehouse.bulk import insert_rows
from warehouse.sql import query


def start_duplicate_pass(conn: duckdb.DuckDBPyConnection) -> int:
    """Mark what must be compared now (temp table duplicate_pending) and drop its stale links;
    returns how many documents are pending. Run inside the caller's transaction."""
    return conn.execute(query("duplicates_pending")).fetchone()[0]


def text_batches_to_compare(conn: duckdb.DuckDBPyConnection, window_days: int,
                            batch_size: int = 500) -> Iterator[list[tuple]]:
    """Batches of (doc_id, version, source, published, text_language, text, is_new) in date order,
    undated last: the pending documents and those published within window_days of one; streamed."""
    result = conn.execute(query("duplicates_texts"), {"window_days": window_days})
    while rows := result.fetchmany(batch_size):
        yield rows


def existing_links(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int]]:
    """doc_id -> (canonical doc_id, canonical version) for every link kept from earlier passes."""
    rows = conn.execute("SELECT doc_id, canonical_doc_id, canonical_version FROM document_duplicates").fetchall()
    return {doc_id: (canonical, version) for doc_id, canonical, version in rows}


def finish_duplicate_pass(conn: duckdb.DuckDBPyConnection, links: Sequence) -> int:
    """Store the new links (objects with doc_id, version, canonical_doc_id, canonical_version,
    similarity, method) and mark every pending document compared."""
    now = datetime.now(UTC)
    insert_rows(
        conn,
        "INSERT INTO document_duplicates (doc_id, version, canonical_doc_id, canonical_version, "
        "similarity, method, linked_at) VALUES",
        [(k.doc_id, k.version, k.canonical_doc_id, k.canonical_version, k.similarity, k.method, now)
         for k in links],
    )
    conn.execute(query("duplicates_finish"), {"scanned_at": now})
    conn.execute("DROP TABLE duplicate_pending")
    return len(links)
