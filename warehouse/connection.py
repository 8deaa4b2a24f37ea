"""How the pipeline opens the warehouse: one set of DuckDB settings for every writer."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb


def connection_config() -> dict[str, object]:
    # A bounded buffer: DuckDB spills to disk past it, so memory stays flat as the corpus grows.
    # Unordered results let large reads stream instead of waiting to be put back in order.
    return {"memory_limit": os.environ.get("ALLIANCE_DUCKDB_MEMORY", "512MB"), "preserve_insertion_order": False}


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), config=connection_config())
