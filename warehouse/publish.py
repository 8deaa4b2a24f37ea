"""Publish the warehouse as a read-only copy that readers open, so they never block the pipeline.

In the copy every view is computed once and stored as a table in the schema `materialized`, and
the view is redefined to read that table: researchers query the same names and get the same rows,
without each query recomputing the warehouse. They stay views (not tables of the same name) so
that tools which look a researcher view up among the views, and comparisons of the data tables
in `main`, see the published copy as they see the warehouse. The warehouse itself keeps its views.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb

from warehouse.connection import temporary_setting
from warehouse.location import beside
from warehouse.sql import query

MATERIALIZED_SCHEMA = "materialized"
_STAGING = "publication_staging"  # the copy's name while attached to the pipeline's connection
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def published_path(warehouse: Path) -> Path:
    return beside(warehouse, "published") / warehouse.name


def publish(conn: duckdb.DuckDBPyConnection, warehouse: Path) -> Path:
    """Checkpoint (so the file holds every committed change), copy, store the views in the copy,
    then rename it over the old copy.

    The rename is atomic: a reader that has the old copy open keeps reading it undisturbed, and a
    reader that opens it afterwards sees the new one whole. A failed publication leaves the old
    copy in place and no staging file behind.
    """
    conn.execute("CHECKPOINT")
    target = published_path(warehouse)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove(staging)  # a stale write-ahead log beside it would be replayed into the fresh copy
    try:
        shutil.copyfile(warehouse, staging)
        _materialize_in_copy(conn, staging)
        os.replace(staging, target)
    finally:
        _remove(staging)
    return target


def _materialize_in_copy(conn: duckdb.DuckDBPyConnection, staging: Path) -> None:
    # Attached to the pipeline's own connection, the copy is built within its memory budget.
    # Insertion order is kept so that a view with ORDER BY reads back from its table in that order.
    with temporary_setting(conn, "preserve_insertion_order", True):
        try:
            conn.execute(f"ATTACH ? AS {_STAGING}", [str(staging)])
            materialize_views(conn, _STAGING)
            conn.execute(f"CHECKPOINT {_STAGING}")
        finally:
            conn.execute(f"DETACH DATABASE IF EXISTS {_STAGING}")


def materialize_views(conn: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    """Store each view of `catalog`'s main schema as a table in MATERIALIZED_SCHEMA and point the
    view at it.

    Returns the views in the order stored. The order only saves work (a view stored after the
    views it reads reads their tables); the rows are the same in any order, as a redefined view
    returns exactly what it returned before.
    """
    definitions = dict(conn.execute(query("publish_views"), {"catalog": catalog}).fetchall())
    order = dependency_order(definitions)
    # Identifiers cannot be bound as parameters; these names come from the catalog, quoted.
    schema = f"{_quoted(catalog)}.{_quoted(MATERIALIZED_SCHEMA)}"
    conn.execute(f"CREATE SCHEMA {schema}")
    for name in order:
        view, table = f"{_quoted(catalog)}.main.{_quoted(name)}", f"{schema}.{_quoted(name)}"
        conn.execute(f"CREATE TABLE {table} AS SELECT * FROM {view}")
        # A view binds within its own catalog: the table is named without it, so the view finds
        # it whatever name the published file is later opened or attached under.
        stored = f"{_quoted(MATERIALIZED_SCHEMA)}.{_quoted(name)}"
        conn.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM {stored}")
    return order


def dependency_order(definitions: Mapping[str, str]) -> list[str]:
    """View names ordered so that each comes after the views its definition reads.

    Should the extra constraints of `dependencies` form a cycle, the names come in alphabetical
    order: slower to store, equally correct.
    """
    try:
        return list(TopologicalSorter(dependencies(definitions)).static_order())
    except CycleError:
        return sorted(definitions)


def dependencies(definitions: Mapping[str, str]) -> dict[str, set[str]]:
    """For each view, the other views its definition names as a whole identifier (a column or CTE
    named like a view adds a harmless extra constraint)."""
    return {name: set(_IDENTIFIER.findall(sql)) & definitions.keys() - {name}
            for name, sql in sorted(definitions.items())}


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _remove(staging: Path) -> None:
    for path in (staging, staging.with_name(staging.name + ".wal")):
        path.unlink(missing_ok=True)
