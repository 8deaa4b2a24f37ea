"""Bulk inserts store every row, with every value bound, across statement boundaries."""

from datetime import date

import duckdb

from warehouse.bulk import ROWS_PER_STATEMENT, insert_rows


def test_rows_across_several_statements_arrive_intact():
    conn = duckdb.connect()
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note VARCHAR, day DATE, tags VARCHAR[])")
    rows = [(i, f"it's row {i}; DROP TABLE t; --", date(2014, 1, 1 + i % 28), ["a", None] if i % 2 else None)
            for i in range(ROWS_PER_STATEMENT * 2 + 7)]
    assert insert_rows(conn, "INSERT INTO t (id, note, day, tags) VALUES", rows) == len(rows)
    assert conn.execute("SELECT * FROM t ORDER BY id").fetchall() == [tuple(r) for r in rows]


def test_no_rows_is_no_statement():
    conn = duckdb.connect()
    conn.execute("CREATE TABLE t (id INTEGER)")
    assert insert_rows(conn, "INSERT INTO t (id) VALUES", []) == 0
