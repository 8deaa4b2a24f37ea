"""The content hash of a document version: a crawled item whose hash differs from its document's
latest stored version becomes a new version. One definition, called from Python and, registered on
the loader's connection, from its SQL (hashlib's SHA-256 runs several times faster than DuckDB's own
and releases the GIL on pages, so DuckDB's threads hash in parallel)."""

from __future__ import annotations

import hashlib
from datetime import date

import duckdb

from warehouse.transaction import transaction

SQL_NAME = "item_content_sha256"
_SEPARATOR = b"\x1f"


def content_sha256(title: str | None, html: str | None, published: date | str | None) -> str:
    """SHA-256 (hex) of title, HTML and publication date (ISO) joined by U+001F, a missing one as ''."""
    day = published.isoformat() if isinstance(published, date) else (published or "")
    digest = hashlib.sha256((title or "").encode("utf-8"))
    for part in (html or "", day):
        digest.update(_SEPARATOR)
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()


def register_content_hash(conn: duckdb.DuckDBPyConnection) -> None:
    """Make content_sha256 callable in SQL on this connection (and its cursors) as
    item_content_sha256(title, html, published), all three VARCHAR. Outside a transaction only
    (inside one it raises duckdb.TransactionException): a function created in a transaction that is
    then rolled back is gone from SQL, yet the connection refuses to create it again."""
    known = conn.execute("SELECT function_name FROM duckdb_functions() WHERE function_name = ?",
                         [SQL_NAME]).fetchall()
    if not known:
        with transaction(conn):   # its own; beginning it fails inside the caller's
            conn.create_function(SQL_NAME, content_sha256, ["VARCHAR"] * 3, "VARCHAR",
                                 null_handling="special", side_effects=False)
