"""How the pipeline opens the warehouse: one set of DuckDB settings for every writer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


def connection_config() -> dict[str, object]:
    # A bounded buffer: DuckDB spills to disk past it, so memory stays flat as the corpus grows.
    # Unordered results let large reads stream instead of waiting to be put back in order.
    return {"memory_limit": os.environ.get("ALLIANCE_DUCKDB_MEMORY", "512MB"), "preserve_insertion_order": False}


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), config=connection_config())


@contextmanager
def temporary_setting(conn: duckdb.DuckDBPyConnection, name: str, value: object) -> Iterator[None]:
    """DuckDB's setting `name` at `value` for the duration, then back to what it was (settings belong
    to the database, not to the connection). `name` comes from the code, never from data."""
    before = conn.execute("SELECT current_setting(?)", [name]).fetchone()[0]
    conn.execute(f"SET {name} = {_literal(value)}")
    try:
        yield
    finally:
        conn.execute(f"SET {name} = {_literal(before)}")


def _literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def one_thread(conn: duckdb.DuckDBPyConnection):
    """DuckDB on one thread for the duration.

    For reads of a few hundred large pages at a time: each thread decompresses whole vectors of
    2,048 pages around the rows it needs, so a second thread only doubles the memory in flight,
    while the work that matters runs in other processes."""
    return temporary_setting(conn, "threads", 1)
