"""Insert many rows in one statement: DuckDB's executemany costs milliseconds a row, and a VALUES list
with a placeholder per value costs most of its time in binding them."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

# Rows per statement: each column goes over as one list parameter, so this bounds only the size of
# those lists, not the number of parameters.
ROWS_PER_STATEMENT = 2000


def insert_rows(conn: duckdb.DuckDBPyConnection, insert: str, rows: Sequence[Sequence[object]]) -> int:
    """Run `insert` ("INSERT [OR REPLACE] INTO t (cols) VALUES") over rows. Every column is bound as
    one list parameter and unnested, which keeps the statement the same whatever the data and binds a
    column of values at once instead of value by value."""
    if not rows:
        return 0
    head = insert.rstrip()
    if not head.upper().endswith("VALUES"):
        raise ValueError(f"insert_rows expects an INSERT ... VALUES statement head, got {insert!r}")
    width = len(rows[0])
    statement = f"{head[:-len('VALUES')]} SELECT {', '.join(f'unnest(${i + 1})' for i in range(width))}"
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        if any(len(row) != width for row in chunk):
            raise ValueError(f"insert_rows: rows of different widths for {head!r} (expected {width} values)")
        conn.execute(statement, [list(column) for column in zip(*chunk)])
    return len(rows)
