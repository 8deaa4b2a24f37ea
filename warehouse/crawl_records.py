"""What each crawl did (crawl_runs), what its listings announced, and the index of the raw archive."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from warehouse.sql import query


def crawl_outcome(stats: dict) -> str:
    """'complete' only for a crawl that finished on its own and delivered every document its listings
    announced. Any other crawl keeps its documents but not its watermark, so the next crawl reads the
    same window again instead of skipping what this one lost (a refused 50 MB answer, a cut-short run)."""
    announced = sum(int(n) for n in (stats.get("listed_by_week") or {}).values())
    delivered = int(stats.get("items") or 0)
    finished = stats.get("finish_reason") == "finished"
    return "complete" if finished and delivered >= announced else "incomplete"


def last_complete_start(conn: duckdb.DuckDBPyConnection, spider: str) -> str | None:
    """When the spider's last complete crawl started (ISO UTC): releases changed since then are re-read."""
    row = conn.execute(query("last_complete_start"), {"spider": spider}).fetchone()
    return row[0] if row else None


def record_crawl(
    conn: duckdb.DuckDBPyConnection, crawl_file: str, spider: str, stats: dict, outcome: str
) -> None:
    """Record one crawl; the caller owns the transaction (a complete crawl is recorded together
    with its documents, so its watermark never runs ahead of what the warehouse holds)."""
    text = json.dumps(stats)
    conn.execute(query("record_crawl_run"),
                 {"crawl_file": crawl_file, "spider": spider, "stats": text, "outcome": outcome})
    # Each spider is named after the source it crawls (the registry's names).
    conn.execute(query("record_listing_counts"),
                 {"crawl_file": crawl_file, "source": spider, "stats": text})


def read_stats(stats_file: Path) -> dict:
    """The spider's stats, or {} when it wrote none (a crawl killed before closing)."""
    try:
        return json.loads(stats_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def index_warc_files(conn: duckdb.DuckDBPyConnection, warc_dir: Path) -> int:
    before = conn.execute("SELECT count(*) FROM warc_records").fetchone()[0]
    for index_file in sorted(warc_dir.glob("*.index.jsonl")):
        if index_file.stat().st_size:
            conn.execute(query("index_warc"), {"path": str(index_file)})
    return conn.execute("SELECT count(*) FROM warc_records").fetchone()[0] - before
