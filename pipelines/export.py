"""Write every researcher view as a Parquet file, for tools that do not speak DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.sql import query

# The views documented in README.md, For researchers, in the order a reader meets them.
RESEARCHER_VIEWS = (
    "documents",
    "member_goal_documents",
    "member_goal_quarterly",
    "member_timeline",
    "goal_activity_quarterly",
    "coverage",
)


class ExportError(Exception):
    """The export cannot run; the message is one line saying what and where."""


def export_views(db_path: Path, out_dir: Path) -> list[Path]:
    """Write `<view>.parquet` into out_dir for each researcher view of the warehouse at db_path.

    The warehouse is opened read-only, so exporting the published copy never blocks the pipeline.
    Each file is written beside its target and renamed over it, so a reader never sees half a file.
    """
    db_path, out_dir = Path(db_path), Path(out_dir)
    if not db_path.is_file():
        raise ExportError(f"no warehouse at {db_path}")
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"export target {out_dir} exists but is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with duckdb.connect(str(db_path), read_only=True) as conn:
            _require_views(conn, db_path)
            return [_export_one(conn, view, out_dir) for view in RESEARCHER_VIEWS]
    except duckdb.Error as error:
        raise ExportError(f"exporting {db_path}: {str(error).splitlines()[0]}") from error


def _require_views(conn: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    present = {name for (name,) in conn.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    missing = [view for view in RESEARCHER_VIEWS if view not in present]
    if missing:
        raise ExportError(
            f"{db_path} lacks the views {', '.join(missing)} "
            f"(built by an older version? run the pipeline to migrate and publish it again)"
        )


def _export_one(conn: duckdb.DuckDBPyConnection, view: str, out_dir: Path) -> Path:
    target = out_dir / f"{view}.parquet"
    staging = out_dir / f".{view}.parquet.tmp"
    conn.execute(query("report_export_view"), {"view": view, "path": str(staging)}).fetchall()
    staging.replace(target)
    return target
