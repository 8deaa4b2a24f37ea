"""Apply numbered migrations once each (recorded in schema_migrations), then (re)create the views."""

from __future__ import annotations

import duckdb

from warehouse.sql import ordered_files
from warehouse.transaction import transaction

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name        VARCHAR PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the schema up to date; returns the migrations applied now. Each runs in a transaction."""
    conn.execute(_LEDGER)
    done = {name for (name,) in conn.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, sql in ordered_files("migrations"):
        if name in done:
            continue
        with transaction(conn):
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
        applied.append(name)
    for _name, sql in ordered_files("views"):
        conn.execute(sql)
    return applied
