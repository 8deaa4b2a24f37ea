"""How the pipeline opens the warehouse: one set of DuckDB settings for every writer."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
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


_SIZE = re.compile(r"([\d.]+)\s*(bytes|KiB|MiB|GiB|TiB)")
_MIB_PER_UNIT = {"bytes": 1 / 2**20, "KiB": 1 / 2**10, "MiB": 1, "GiB": 2**10, "TiB": 2**20}


def memory_limit_mib(conn: duckdb.DuckDBPyConnection) -> float | None:
    """DuckDB's memory limit in MiB, as it reports it ('488.2 MiB'); None when it reports none."""
    found = _SIZE.fullmatch(conn.execute("SELECT current_setting('memory_limit')").fetchone()[0].strip())
    return float(found[1]) * _MIB_PER_UNIT[found[2]] if found else None


def memory_at_most(conn: duckdb.DuckDBPyConnection, mib: int):
    """DuckDB's memory limit lowered to `mib` for the duration (past it, DuckDB spills to disk),
    unless it is that low already. Outside a transaction: a failed statement aborts one, which then
    refuses the statement that puts the limit back."""
    current = memory_limit_mib(conn)
    if current is not None and current <= mib:
        return nullcontext()
    return temporary_setting(conn, "memory_limit", f"{mib}MiB")
