"""Warehouses with every migration applied, for tests: copies of one migrated once per test process.

A fresh `migrate` creates the warehouse's tables and views one statement at a time (about 0.2 s of
CPU); the suite's fixtures make a couple of hundred such warehouses. A copy of a migrated file takes
a fifth of that: in memory through DuckDB's COPY FROM DATABASE, or as a file copy.
tests/test_migrated_warehouse.py holds both kinds of copy to what `migrate` itself makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from warehouse.schema import migrate


def make_template(path: Path) -> Path:
    with duckdb.connect(str(path)) as conn:
        migrate(conn)
        conn.execute("CHECKPOINT")   # everything in the file itself, nothing in a WAL beside it
    return path


def open_copy(template: Path, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to a copy of the template: in memory, or the file at path."""
    if path is not None:
        shutil.copyfile(template, path)
        return duckdb.connect(str(path))
    conn = duckdb.connect()
    conn.execute("ATTACH ? AS migrated_template (READ_ONLY)", [str(template)])
    conn.execute("COPY FROM DATABASE migrated_template TO memory")
    conn.execute("DETACH migrated_template")
    return conn
