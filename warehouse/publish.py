"""Publish the warehouse as a read-only copy that readers open, so they never block the pipeline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from warehouse.location import beside


def published_path(warehouse: Path) -> Path:
    return beside(warehouse, "published") / warehouse.name


def publish(conn: duckdb.DuckDBPyConnection, warehouse: Path) -> Path:
    """Checkpoint (so the file holds every committed change), copy, then rename over the old copy.

    The rename is atomic: a reader that has the old copy open keeps reading it undisturbed, and a
    reader that opens it afterwards sees the new one whole.
    """
    conn.execute("CHECKPOINT")
    target = published_path(warehouse)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(warehouse, staging)
    os.replace(staging, target)
    return target
