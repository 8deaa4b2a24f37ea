"""Read pipeline state from a warehouse file without taking the writer's lock."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from spiders.registry import source
from warehouse.sql import query


def current_codebook_version(database: Path) -> str | None:
    """The codebook version the views use, or None for a missing or never-tagged warehouse."""
    if not database.is_file():
        return None
    with duckdb.connect(str(database), read_only=True) as conn:
        row = conn.execute("SELECT value FROM pipeline_state WHERE key = 'codebook_version'").fetchone()
    return row[0] if row else None


def crawl_coverage(database: Path, scopes: dict[str, dict[str, str]]) -> dict[str, date | None]:
    """Per spider, the last publication day its crawls over its scope (its registry scope arguments,
    {"queries": ..., "types": ...}, as the spider is given them; one left out is none) covered
    completely; None for a scope never crawled, or for every spider of a missing warehouse."""
    if not database.is_file():
        return dict.fromkeys(scopes)
    with duckdb.connect(str(database), read_only=True) as conn:
        return {spider: conn.execute(query("crawl_coverage"), {
                    "spider": spider, "names": list(source(spider).scope),
                    "scope": json.dumps(scope)}).fetchone()[0]
                for spider, scope in scopes.items()}
