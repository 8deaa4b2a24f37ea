"""Insert many rows in one statement: DuckDB's executemany costs milliseconds a row."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

# Rows per statement: large enough to amortise the statement, small enough to keep parameters few.
ROWS_PER_STATEMENT = 500


def insert_rows(conn: duckdb.DuckDBPyConnection, insert: str, rows: Sequence[Sequence[object]]) -> int:
    """Run `insert` ("INSERT [OR REPLACE] INTO t (cols) VALUES") over rows, every value bound as a
    parameter; only the number of placeholders depends on the data."""
    if not rows:
        return 0
    width = len(rows[0])
    row_placeholders = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        statement = f"{insert} {', '.join([row_placeholders] * len(chunk))}"
        conn.execute(statement, [value for row in chunk for value in row])
    return len(rows)
