"""Migrations apply once and are recorded; views exist afterwards."""

import duckdb

from warehouse.schema import migrate
from warehouse.sql import ordered_files


def test_migrations_apply_once_and_are_recorded(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as conn:
        first = migrate(conn)
        assert first == [name for name, _ in ordered_files("migrations")]
        assert migrate(conn) == []
        recorded = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert recorded == first


def test_researcher_views_exist_after_migration(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        views = {r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        tables = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {"documents", "goal_activity_quarterly"} <= views
    assert {"raw_documents", "document_members", "document_goals", "members", "goals"} <= tables
