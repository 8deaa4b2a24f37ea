"""Read pipeline state from a warehouse file without taking the writer's lock."""

from __future__ import annotations

from pathlib import Path

import duckdb


def current_codebook_version(database: Path) -> str | None:
    """The codebook version the views use, or None for a missing or never-tagged warehouse."""
    if not database.is_file():
        return None
    with duckdb.connect(str(database), read_only=True) as conn:
        row = conn.execute("SELECT value FROM pipeline_state WHERE key = 'codebook_version'").fetchone()
    return row[0] if row else None
