"""The warehouse's schema, brought up to date only when asked (`alliance-tracker migrate`, the start
of each pipeline run, a command that writes): numbered migrations applied once each (recorded in
schema_migrations), then the views (re)created when their definitions changed. Opening a
connection changes nothing; a reader of a file older than the code is told so (require_current)."""

from __future__ import annotations

import hashlib

import duckdb

from warehouse.sql import ordered_files
from warehouse.transaction import transaction

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name        VARCHAR PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""
# Which definitions the views were last created from (a hash of warehouse/views/*.sql): a view
# edited without a migration is recreated by the next migrate, an unchanged one is left alone.
_VIEWS_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_views (
    sha256      VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


class SchemaOutdated(Exception):
    """The warehouse file lacks migrations the code has; the message is one line naming the file."""


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the schema up to date; returns the migrations applied now. Each runs in a transaction.
    A second call in a row applies nothing and writes nothing."""
    if not pending_migrations(conn) and views_current(conn):
        return []
    conn.execute(_LEDGER)
    applied = []
    for name, sql in _pending(conn):
        with transaction(conn):
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
        applied.append(name)
    if applied or not views_current(conn):
        _create_views(conn)
    return applied


def pending_migrations(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The code's migrations this database has not applied, in order (all of them for a file that
    was never migrated). Reads only: works on a read-only connection."""
    return [name for name, _ in _pending(conn)]


def views_current(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the views were created from the definitions the code has now."""
    if not _has_table(conn, "schema_views"):
        return False
    stored = conn.execute("SELECT sha256 FROM schema_views").fetchall()
    return stored == [(_views_sha256(),)]


def require_current(conn: duckdb.DuckDBPyConnection, where: object) -> None:
    """SchemaOutdated when the database at `where` lacks migrations the code has."""
    missing = pending_migrations(conn)
    if missing:
        raise SchemaOutdated(
            f"{where} has an older schema than this alliance-tracker ({len(missing)} migration(s) not "
            f"applied, from {missing[0]}): run `alliance-tracker migrate` on the working warehouse")


def _pending(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    done = set()
    if _has_table(conn, "schema_migrations"):
        done = {name for (name,) in conn.execute("SELECT name FROM schema_migrations").fetchall()}
    return [(name, sql) for name, sql in ordered_files("migrations") if name not in done]


def _create_views(conn: duckdb.DuckDBPyConnection) -> None:
    with transaction(conn):
        for _name, sql in ordered_files("views"):
            conn.execute(sql)
        conn.execute(_VIEWS_LEDGER)
        conn.execute("DELETE FROM schema_views")
        conn.execute("INSERT INTO schema_views (sha256) VALUES (?)", [_views_sha256()])


def _views_sha256() -> str:
    digest = hashlib.sha256()
    for name, sql in ordered_files("views"):
        digest.update(f"{name}\0{sql}\0".encode())
    return digest.hexdigest()


def _has_table(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    return conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ?", [name]).fetchone()[0] > 0
