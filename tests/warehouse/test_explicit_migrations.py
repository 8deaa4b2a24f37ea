"""Migrations run when asked, never as a side effect of opening the warehouse: once at the start of a
pipeline run, from `alliance-tracker migrate`, and before a command writes. Readers are told when a
file is older than the code."""

import hashlib

import duckdb
import pytest
from click.testing import CliRunner
from dagster import asset, materialize

import pipelines.resources
from pipelines.cli import main
from pipelines.resources import WarehouseResource
from warehouse.connection import connect
from warehouse.publish import published_path
from warehouse.schema import (
    SchemaOutdated,
    migrate,
    pending_migrations,
    require_current,
    views_current,
)
from warehouse.sql import ordered_files

ALL_MIGRATIONS = [name for name, _ in ordered_files("migrations")]


def tables(path):
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_a_fresh_file_creates_no_tables(tmp_path):
    with connect(tmp_path / "plain.duckdb"):
        pass
    with WarehouseResource(database=str(tmp_path / "resource.duckdb")).get_connection() as conn:
        assert conn.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0] == 0
    assert tables(tmp_path / "plain.duckdb") == tables(tmp_path / "resource.duckdb") == []


def test_a_second_migrate_applies_nothing_and_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "w.duckdb"
    with connect(path) as conn:
        assert migrate(conn) == ALL_MIGRATIONS
        assert pending_migrations(conn) == [] and views_current(conn)
    before = digest(path)
    with connect(path) as conn:
        assert migrate(conn) == []
    assert digest(path) == before


def test_a_view_edited_since_the_last_migrate_is_created_again(tmp_path):
    with connect(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        conn.execute("UPDATE schema_views SET sha256 = 'of older view files'")
        conn.execute("CREATE OR REPLACE VIEW documents AS SELECT 1 AS stale")
        assert not views_current(conn)
        assert migrate(conn) == []
        assert views_current(conn)
        assert "stale" not in [row[0] for row in conn.execute("DESCRIBE documents").fetchall()]


def test_an_older_file_is_named_with_what_it_lacks(tmp_path):
    path = tmp_path / "old.duckdb"
    with connect(path) as conn:
        conn.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        conn.execute("INSERT INTO schema_migrations VALUES (?, now())", [ALL_MIGRATIONS[0]])
    expected = (rf"old\.duckdb has an older schema .*\({len(ALL_MIGRATIONS) - 1} migration\(s\) not applied, "
                rf"from {ALL_MIGRATIONS[1]}\)")
    with duckdb.connect(str(path), read_only=True) as reader, pytest.raises(SchemaOutdated, match=expected):
        require_current(reader, path)


def test_the_migrate_command_migrates_and_publishes_once_then_changes_nothing(tmp_path):
    path = tmp_path / "alliance.duckdb"
    first = CliRunner().invoke(main, ["migrate", "--warehouse", str(path)])
    assert first.exit_code == 0, first.output
    assert f"applied {len(ALL_MIGRATIONS)} migration(s)" in first.output
    with duckdb.connect(str(published_path(path)), read_only=True) as published:
        assert pending_migrations(published) == []
    working, copy = digest(path), digest(published_path(path))
    second = CliRunner().invoke(main, ["migrate", "--warehouse", str(path)])
    assert second.exit_code == 0, second.output
    assert "already up to date; nothing changed" in second.output
    assert (digest(path), digest(published_path(path))) == (working, copy)


def test_a_reader_refuses_an_older_published_copy_in_one_line(tmp_path, monkeypatch):
    path = tmp_path / "alliance.duckdb"
    with connect(published_path(path)) as conn:
        migrate(conn)
        conn.execute("DELETE FROM schema_migrations WHERE name = ?", [ALL_MIGRATIONS[-1]])
    monkeypatch.setenv("ALLIANCE_WAREHOUSE", str(path))
    for command in (["query", "SELECT 1"], ["report"], ["export", "--csv", str(tmp_path / "csv")],
                    ["cite", "eu:IP/12/1308"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (command, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "older schema" in lines[0] and ALL_MIGRATIONS[-1] in lines[0], command
    with duckdb.connect(str(published_path(path)), read_only=True) as conn:
        assert pending_migrations(conn) == [ALL_MIGRATIONS[-1]]   # told, not upgraded behind its back


def test_a_run_migrates_once_however_many_steps_open_the_warehouse(tmp_path, monkeypatch):
    calls = []

    def counted_migrate(conn):
        calls.append(1)
        return migrate(conn)

    monkeypatch.setattr(pipelines.resources, "migrate", counted_migrate)
    seen = {}

    @asset
    def first_step(warehouse: WarehouseResource):
        with warehouse.get_connection() as conn:
            seen["first"] = pending_migrations(conn)

    @asset(deps=[first_step])
    def second_step(warehouse: WarehouseResource):
        with warehouse.get_connection() as conn:
            seen["second"] = pending_migrations(conn)
        with warehouse.get_connection() as conn:
            seen["again"] = pending_migrations(conn)

    resources = {"warehouse": WarehouseResource(database=str(tmp_path / "w.duckdb"))}
    assert materialize([first_step, second_step], resources=resources).success
    assert len(calls) == 1
    assert seen == {"first": [], "second": [], "again": []}
    assert materialize([first_step, second_step], resources=resources).success
    assert len(calls) == 2   # the next run migrates once more (and finds nothing to do)
