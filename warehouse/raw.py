"""Load the spiders' output files into raw_documents: new documents and changed versions only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.crawl_records import crawl_outcome, record_crawl
from warehouse.sql import query


@dataclass(frozen=True)
class CrawlFileLoad:
    path: str
    items: int          # lines in the file
    new_versions: int   # documents stored now (new documents or changed content)
    rejected: int       # lines that were not JSON or lacked source/source_id
    already_loaded: bool = False


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def load_crawl_file(
    conn: duckdb.DuckDBPyConnection, path: Path, spider: str | None = None, stats: dict | None = None
) -> CrawlFileLoad:
    """Load one JSON-lines crawl output. Loading the file, recording it and (given the spider) its
    crawl run is one transaction, so a run killed halfway leaves the file unloaded and the next run
    loads it whole; the crawl's watermark never runs ahead of the documents stored."""
    key = str(path.absolute())
    if conn.execute("SELECT 1 FROM crawl_files WHERE path = ?", [key]).fetchone():
        return CrawlFileLoad(key, 0, 0, 0, already_loaded=True)
    items = _count_lines(path)
    conn.execute("BEGIN TRANSACTION")
    try:
        if items:
            conn.execute(query("stage_crawl_file"), {"path": key})
            staged = conn.execute("SELECT count(*) FROM raw_staging").fetchone()[0]
            new_versions = conn.execute(query("insert_new_versions")).fetchone()[0]
            conn.execute(query("insert_aliases"))
            sources = conn.execute("SELECT string_agg(DISTINCT source, ',') FROM raw_staging").fetchone()[0]
        else:
            staged = new_versions = 0
            sources = None
        conn.execute(
            "INSERT INTO crawl_files (path, source, loaded_at, items, new_versions, rejected) VALUES (?, ?, ?, ?, ?, ?)",
            [key, sources, datetime.now(UTC), items, new_versions, items - staged],
        )
        if spider is not None:
            record_crawl(conn, key, spider, stats or {}, crawl_outcome(stats or {}))
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return CrawlFileLoad(key, items, new_versions, items - staged)
