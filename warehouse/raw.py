"""Load the spiders' output files into raw_documents: new documents and changed versions only."""

from __future__ import annotations

import json
import logging
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from spiders.registry import NAMES
from warehouse.connection import temporary_setting
from warehouse.crawl_records import crawl_outcome, record_crawl
from warehouse.sql import query

log = logging.getLogger(__name__)

SOURCES = NAMES  # the registry's sources (spiders/registry.toml)
# Rejected lines named one by one in the result and the log; past this, only counted.
MAX_NAMED_REJECTIONS = 50


@dataclass(frozen=True)
class CrawlFileLoad:
    path: str
    items: int          # lines in the file
    new_versions: int   # documents stored now (new documents or changed content)
    rejected: int       # lines that were not JSON or lacked source/source_id
    already_loaded: bool = False
    rejections: tuple[str, ...] = ()   # "line N: why", for the first MAX_NAMED_REJECTIONS rejected lines


class CrawlFileChanged(Exception):
    """The crawl file changed while it was being loaded (nothing of it was stored)."""


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def line_problem(line: bytes) -> str | None:
    """Why the loader leaves this (non-blank) line out, or None when it is a loadable item."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not UTF-8 (byte {error.start})"
    try:
        item = json.loads(text)
    except json.JSONDecodeError as error:
        return f"not JSON ({error.msg} at column {error.colno})"
    if not isinstance(item, dict):
        return f"not a JSON object but {type(item).__name__}"
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return "an escaped lone surrogate (\\ud800-\\udfff), not valid Unicode"
    if item.get("source") not in SOURCES:
        return f"source {item.get('source')!r} is not one of {', '.join(SOURCES)}"
    if item.get("source_id") in (None, ""):
        return "no source_id"
    return None


def rejected_lines(path: Path, rejected: int, limit: int = MAX_NAMED_REJECTIONS) -> tuple[str, ...]:
    """Name the rejected lines of a file ("line N: why"). Only called when the reader rejected some:
    a second pass over the file, in Python, for the reasons the reader does not give."""
    named: list[str] = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if len(named) >= min(rejected, limit):
                break
            if line.strip() and (problem := line_problem(line)) is not None:
                named.append(f"line {number}: {problem}")
    unexplained = min(rejected, limit) - len(named)
    if unexplained > 0:
        # DuckDB's reader is stricter than Python's json in ways not mirrored above.
        named.append(f"{unexplained} more line(s) refused by the JSON reader, though Python's json reads them")
    return tuple(named)


def _build_side_as_written(conn: duckdb.DuckDBPyConnection):
    """Joins build their right side, as the query is written. The reader's row estimate for a crawl
    file is a guess; on a wrong guess the join would hold every page of the file in memory."""
    before = conn.execute("SELECT current_setting('disabled_optimizers')").fetchone()[0]
    disabled = {name for name in before.split(",") if name} | {"join_order", "build_side_probe_side"}
    return temporary_setting(conn, "disabled_optimizers", ",".join(sorted(disabled)))


def _commit_straight_to_file(conn: duckdb.DuckDBPyConnection, enabled: bool):
    """A commit holding new pages writes them compressed into the database file (a checkpoint)
    instead of first into DuckDB's log: otherwise every page is written twice, and the committed load
    stays in memory until some later commit checkpoints it, beside the next stage's work."""
    return temporary_setting(conn, "checkpoint_threshold", "0 bytes") if enabled else nullcontext()


def _file_state(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _stage_and_insert(conn: duckdb.DuckDBPyConnection, path: Path, key: str) -> tuple[int, int, str | None]:
    """(lines staged, versions stored, sources seen). The file is read twice: keys, then pages."""
    state = _file_state(path)
    conn.execute(query("crawl_file_lines"))
    conn.execute(query("stage_crawl_file"), {"path": key, "sources": list(SOURCES)})
    staged = conn.execute("SELECT count(*) FROM raw_staging").fetchone()[0]
    conn.execute(query("plan_new_versions"))
    planned = conn.execute("SELECT count(*) FROM raw_new_versions").fetchone()[0]
    with _build_side_as_written(conn):
        stored = conn.execute(query("insert_new_versions"), {"path": key}).fetchone()[0] if planned else 0
    if stored != planned or _file_state(path) != state:
        raise CrawlFileChanged(f"{key} changed while it was being loaded ({planned} versions planned, "
                               f"{stored} read back): load it again once the crawl has finished writing it")
    conn.execute(query("insert_aliases"))
    sources = conn.execute("SELECT string_agg(DISTINCT source, ',') FROM raw_staging").fetchone()[0]
    conn.execute("DROP TABLE raw_staging")
    conn.execute("DROP TABLE raw_new_versions")
    return staged, stored, sources


def load_crawl_file(
    conn: duckdb.DuckDBPyConnection, path: Path, spider: str | None = None, stats: dict | None = None
) -> CrawlFileLoad:
    """Load one JSON-lines crawl output. Loading the file, recording it and (given the spider) its
    crawl run is one transaction, so a run killed halfway leaves the file unloaded and the next run
    loads it whole; the crawl's watermark never runs ahead of the documents stored."""
    path = Path(path)
    key = str(path.absolute())
    if conn.execute("SELECT 1 FROM crawl_files WHERE path = ?", [key]).fetchone():
        return CrawlFileLoad(key, 0, 0, 0, already_loaded=True)
    items = _count_lines(path)
    conn.execute("BEGIN TRANSACTION")
    try:
        staged, new_versions, sources = _stage_and_insert(conn, path, key) if items else (0, 0, None)
        conn.execute(
            "INSERT INTO crawl_files (path, source, loaded_at, items, new_versions, rejected) VALUES (?, ?, ?, ?, ?, ?)",
            [key, sources, datetime.now(UTC), items, new_versions, items - staged],
        )
        if spider is not None:
            record_crawl(conn, key, spider, stats or {}, crawl_outcome(stats or {}))
        with _commit_straight_to_file(conn, enabled=new_versions > 0):
            conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    rejected = items - staged
    rejections = rejected_lines(path, rejected) if rejected else ()
    for reason in rejections:
        log.warning("%s: rejected %s", key, reason)
    if rejected > len(rejections):
        log.warning("%s: %d lines rejected in all", key, rejected)
    return CrawlFileLoad(key, items, new_versions, rejected, rejections=rejections)
