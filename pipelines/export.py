"""Write every researcher view, the roster, the goals and the evidence as Parquet (or CSV) files with
a manifest of their provenance, for tools that do not speak DuckDB and for papers that cite them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.provenance import MANIFEST_NAME, WarehouseFacts, file_metadata, git_state, manifest
from pipelines.reference_files import ACCURACY_JSON, AccuracyFileError, read_accuracy
from warehouse.sql import query

# The views documented in README.md, For researchers, in the order a reader meets them.
RESEARCHER_VIEWS = (
    "documents",
    "member_goal_documents",
    "member_goal_quarterly",
    "member_timeline",
    "goal_activity_quarterly",
    "coverage",
    "goal_activity_quarterly_by_source",
    "member_goal_quarterly_by_source",
    "quarter_coverage",
)
REFERENCE_TABLES = ("members", "goals")
EVIDENCE = ("evidence_tags", "evidence_events")  # temporary views of warehouse/queries/export_evidence.sql
EXPORTED = RESEARCHER_VIEWS + REFERENCE_TABLES + EVIDENCE
FORMATS = ("parquet", "csv")


class ExportError(Exception):
    """The export cannot run; the message is one line saying what and where."""


def export_views(db_path: Path, out_dir: Path, file_format: str = "parquet",
                 accuracy_path: Path = ACCURACY_JSON) -> list[Path]:
    """Write `<relation>.<format>` into out_dir for each researcher view, the roster (`members`), the
    goals and the evidence of the warehouse at db_path, then `manifest.json`; returns the paths in
    that order.

    The warehouse is opened read-only, so exporting the published copy never blocks the pipeline.
    Each file is written beside its target and renamed over it, so a reader never sees half a file.
    """
    if file_format not in FORMATS:
        raise ExportError(f"unknown export format {file_format!r} (one of {', '.join(FORMATS)})")
    db_path, out_dir = Path(db_path), Path(out_dir)
    if not db_path.is_file():
        raise ExportError(f"no warehouse at {db_path}")
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"export target {out_dir} exists but is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with duckdb.connect(str(db_path), read_only=True) as conn:
            _require_views(conn, db_path)
            conn.execute(query("export_evidence"))
            counts = {name: conn.execute(query("export_row_count"), {"relation": name}).fetchone()[0]
                      for name in EXPORTED}
            document = manifest(
                _facts(conn, db_path), git_state(Path(__file__).parent), _accuracy(accuracy_path),
                [(f"{name}.{file_format}", name, counts[name]) for name in EXPORTED],
                file_format, datetime.now(UTC))
            written = [_export_one(conn, name, out_dir, file_format, document) for name in EXPORTED]
    except duckdb.Error as error:
        raise ExportError(f"exporting {db_path}: {str(error).splitlines()[0]}") from error
    return [*written, _write_manifest(out_dir, document)]


def _require_views(conn: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    present = {name for (name,) in conn.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    missing = [view for view in RESEARCHER_VIEWS if view not in present]
    if missing:
        raise ExportError(
            f"{db_path} lacks the views {', '.join(missing)} "
            f"(built by an older version? run the pipeline to migrate and publish it again)"
        )


def _facts(conn: duckdb.DuckDBPyConnection, db_path: Path) -> WarehouseFacts:
    codebook, extractors, snapshot = conn.execute(query("export_provenance")).fetchone()
    modified = datetime.fromtimestamp(db_path.stat().st_mtime, UTC)
    return WarehouseFacts(str(db_path), codebook, list(extractors), snapshot, modified)


def _accuracy(path: Path) -> dict[str, Any] | None:
    try:
        return read_accuracy(path)
    except AccuracyFileError as error:
        raise ExportError(str(error)) from error


def _export_one(conn: duckdb.DuckDBPyConnection, name: str, out_dir: Path, file_format: str,
                document: dict[str, Any]) -> Path:
    target = out_dir / f"{name}.{file_format}"
    staging = out_dir / f".{target.name}.tmp"
    parameters = {"relation": name, "path": str(staging)}
    if file_format == "parquet":
        parameters |= file_metadata(document, target.name)
    conn.execute(query(f"export_{file_format}"), parameters).fetchall()
    staging.replace(target)
    return target


def _write_manifest(out_dir: Path, document: dict[str, Any]) -> Path:
    target = out_dir / MANIFEST_NAME
    staging = out_dir / f".{MANIFEST_NAME}.tmp"
    staging.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(target)
    return target
