"""The suite's migrated warehouses (migrated_warehouse.py) are what `migrate` makes: the same tables,
columns, constraints, views and recorded migrations, and nothing left for `migrate` to do."""

import duckdb
import pytest

from warehouse.schema import migrate, pending_migrations, views_current

CATALOG = {
    "tables": "SELECT table_name, sql FROM duckdb_tables() ORDER BY ALL",
    "columns": "SELECT table_name, column_name, data_type, column_default, is_nullable FROM duckdb_columns() "
               "WHERE NOT internal ORDER BY ALL",
    "constraints": "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() ORDER BY ALL",
    "views": "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
    "sequences": "SELECT sequence_name, start_value, increment_by FROM duckdb_sequences() ORDER BY ALL",
    "indexes": "SELECT index_name, table_name, sql FROM duckdb_indexes() ORDER BY ALL",
    "macros": "SELECT function_name, macro_definition FROM duckdb_functions() WHERE NOT internal ORDER BY ALL",
    "migrations": "SELECT name FROM schema_migrations ORDER BY ALL",
    "views_ledger": "SELECT sha256 FROM schema_views",
}


def catalog(conn):
    return {name: conn.execute(sql).fetchall() for name, sql in CATALOG.items()}


@pytest.mark.parametrize("where", ["memory", "file"])
def test_a_copy_of_the_template_is_what_migrate_makes(new_warehouse, tmp_path, where):
    with duckdb.connect() as fresh:
        migrate(fresh)
        expected = catalog(fresh)
    with new_warehouse(tmp_path / "copy.duckdb" if where == "file" else None) as copy:
        assert catalog(copy) == expected
        assert pending_migrations(copy) == [] and views_current(copy)
        assert migrate(copy) == []


def test_copies_are_apart_from_the_template_and_each_other(new_warehouse, tmp_path):
    with new_warehouse() as first, new_warehouse(tmp_path / "second.duckdb") as second:
        first.execute("INSERT INTO pipeline_state VALUES ('codebook_version', 'first')")
        assert second.execute("SELECT count(*) FROM pipeline_state").fetchone() == (0,)
    with new_warehouse() as third:
        assert third.execute("SELECT count(*) FROM pipeline_state").fetchone() == (0,)
