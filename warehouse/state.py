"""Read pipeline state from a warehouse file without taking the writer's lock."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from warehouse.sql import query


def current_codebook_version(database: Path) -> str | None:
    """The codebook version the views use, or None for a missing or never-tagged warehouse."""
    if not database.is_file():
        return None
    with duckdb.connect(str(database), read_only=True) as conn:
        row = conn.execute("SELECT value FROM pipeline_state WHERE key = 'codebook_version'").fetchone()
    return row[0] if row else None


def crawl_coverage(database: Path, scopes: dict[str, dict[str, str]]) -> dict[str, date | None]:
    """Per spider, the last publication day its crawls over its scope covered completely; None for a
    scope never crawled, or for every spider of a missing warehouse. A scope names every scope
    argument crawls are told apart by ({"queries": ..., "types": ...}, as the spider is given them;
    "" for one not given): the caller knows which (the registry), the warehouse does not."""
    if not database.is_file():
        return dict.fromkeys(scopes)
    with duckdb.connect(str(database), read_only=True) as conn:
        return {spider: conn.execute(query("crawl_coverage"), {
                    "spider": spider, "names": list(scope),
                    "scope": json.dumps({name: value for name, value in scope.items() if value})}).fetchone()[0]
                for spider, scope in scopes.items()}
