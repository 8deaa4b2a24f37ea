"""Load the spiders' output files into raw_documents: new documents and changed versions only."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.connection import temporary_setting
from warehouse.content_hash import register_content_hash
from warehouse.crawl_records import crawl_outcome, record_crawl
from warehouse.sql import query
from warehouse.transaction import transaction

log = logging.getLogger(__name__)

# Rejected lines named one by one in the result and the log; past this, only counted.
MAX_NAMED_REJECTIONS = 50


@dataclass(frozen=True)
class CrawlFileLoad:
    path: str
    items: int          # lines in the file
    new_versions: int   # documents stored now (new documents or changed content)
    rejected: int       # lines that were not JSON, of another source, or without a source_id
    already_loaded: bool = False
    rejections: tuple[str, ...] = ()   # "line N: why", for the first MAX_NAMED_REJECTIONS rejected lines


class CrawlFileChanged(Exception):
    """The crawl file changed while it was being loaded (nothing of it was stored)."""


def _changed(key: str, evidence: str) -> CrawlFileChanged:
    return CrawlFileChanged(f"{key} changed while it was being loaded ({evidence}): load it again "
                            "once the crawl has finished writing it")


def _count_lines(path: Path) -> int:
    """The file's non-blank lines. A crawl's lines are pages of tens of kilobytes: a buffer of a
    megabyte reads each in one go (with the default 8 KB, counting a 600 MB file took 0.44 s, not
    0.11), and isspace() looks at a line without copying it as strip() would."""
    with path.open("rb", buffering=1 << 20) as handle:
        return sum(1 for line in handle if not line.isspace())


def _loaded(conn: duckdb.DuckDBPyConnection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM crawl_files WHERE path = ?", [key]).fetchone() is not None


def line_problem(line: bytes, source: str) -> str | None:
    """Why the loader leaves this (non-blank) line of a crawl file for `source` out, or None when it
    is a loadable item."""
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
    if item.get("source") != source:
        return f"source {item.get('source')!r}, not {source!r} (the source this file is loaded for)"
    if item.get("source_id") in (None, ""):
        return "no source_id"
    return None


def rejected_lines(path: Path, source: str, rejected: int,
                   limit: int = MAX_NAMED_REJECTIONS) -> tuple[str, ...]:
    """Name the rejected lines of a file ("line N: why"). Only called when the reader rejected some:
    a second pass over the file, in Python, for the reasons the reader does not give."""
    named: list[str] = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if len(named) >= min(rejected, limit):
                break
            if line.strip() and (problem := line_problem(line, source)) is not None:
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


def _commit_straight_to_file(conn: duckdb.DuckDBPyConnection):
    """A commit holding new pages writes them compressed into the database file (a checkpoint)
    instead of first into DuckDB's log: otherwise every page is written twice, and the committed load
    stays in memory until some later commit checkpoints it, beside the next stage's work."""
    return temporary_setting(conn, "checkpoint_threshold", "0 bytes")


def _file_state(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _stage_keys(conn: duckdb.DuckDBPyConnection, key: str, source: str) -> int:
    """Stage the keys of the file's loadable lines, read on every core; how many were staged."""
    conn.execute(query("stage_crawl_file_parallel"), {"path": key, "source": source})
    return conn.execute("SELECT count(*) FROM raw_staging").fetchone()[0]


def _repeats_a_document(conn: duckdb.DuckDBPyConnection) -> bool:
    return conn.execute(query("crawl_file_repeats")).fetchone()[0]


def _plan(conn: duckdb.DuckDBPyConnection, key: str, source: str) -> tuple[str, dict]:
    """Plan the new versions of the staged file; the query storing them, with its parameters.
    A document on several lines of the file needs the lines' order (its first line wins, its
    contents become versions in line order): the file is then staged again with line numbers, to
    be read in file order, on one thread. Otherwise a document's id finds its line, read on every
    core."""
    if _repeats_a_document(conn):
        conn.execute(query("stage_crawl_file"), {"path": key, "source": source})
        conn.execute(query("plan_new_versions"))
        return "insert_new_versions", {"path": key}
    conn.execute(query("plan_new_versions_by_doc_id"))
    return "insert_new_versions_by_doc_id", {"path": key, "source": source}


@contextmanager
def _left_after_a_failure(setting: AbstractContextManager, after_transaction: ExitStack):
    """`setting` for the block, left at its end; when the block fails, left once the transaction has
    ended instead: a failed statement aborts the transaction, which refuses every statement until it
    is rolled back, resetting a setting included."""
    with ExitStack() as until_done:
        until_done.enter_context(setting)
        try:
            yield
        except BaseException:
            after_transaction.push(until_done.pop_all())
            raise


def _insert_planned(conn: duckdb.DuckDBPyConnection, key: str, insert: str, parameters: dict,
                    after_transaction: ExitStack) -> tuple[int, int]:
    """(versions planned, versions stored) by `insert`, a query reading the pages from the file."""
    planned = conn.execute("SELECT count(*) FROM raw_new_versions").fetchone()[0]
    if not planned:
        return 0, 0
    try:
        with _left_after_a_failure(_build_side_as_written(conn), after_transaction):
            return planned, conn.execute(query(insert), parameters).fetchone()[0]
    except duckdb.ConstraintException as error:
        # A version stored twice: its document was on one line when the file was staged, so the
        # line found by the document's id has a twin written since.
        raise _changed(key, "a document planned once was read back from two lines") from error


def _stage_and_insert(conn: duckdb.DuckDBPyConnection, path: Path, key: str, source: str,
                      after_transaction: ExitStack) -> tuple[int, int, str | None]:
    """(lines staged, versions stored, sources seen). The file is read twice, keys then pages (three
    times when a document is on several of its lines)."""
    state = _file_state(path)
    conn.execute(query("crawl_file_lines"))
    staged = _stage_keys(conn, key, source)
    insert, parameters = _plan(conn, key, source)
    planned, stored = _insert_planned(conn, key, insert, parameters, after_transaction)
    if stored != planned or _file_state(path) != state:
        raise _changed(key, f"{planned} versions planned, {stored} read back")
    conn.execute(query("insert_aliases"))
    sources = conn.execute("SELECT string_agg(DISTINCT source, ',') FROM raw_staging").fetchone()[0]
    conn.execute("DROP TABLE raw_staging")
    conn.execute("DROP TABLE raw_new_versions")
    return staged, stored, sources


def load_crawl_file(
    conn: duckdb.DuckDBPyConnection, path: Path, spider: str | None = None, stats: dict | None = None,
    *, source: str | None = None, before_commit: Callable[[int], None] | None = None,
) -> CrawlFileLoad:
    """Load one JSON-lines crawl output, all of it for one source: `source`, else the spider's (a
    spider is named after its source). Items of another source are rejected, counted and logged.
    Loading the file, recording it and (given the spider) its crawl run is one transaction, so a run
    killed halfway leaves the file unloaded and the next run loads it whole; the crawl's watermark
    never runs ahead of the documents stored. `before_commit` is called with the number of new
    versions just before the commit, which writes them on one core (the caller may start work for
    the other)."""
    source = source or spider
    if not source:
        raise TypeError("load_crawl_file: name the source the crawl file is for (source= or spider)")
    path = Path(path)
    key = str(path.absolute())
    if _loaded(conn, key):
        return CrawlFileLoad(key, 0, 0, 0, already_loaded=True)
    items = _count_lines(path)
    register_content_hash(conn)
    # Settings entered inside the transaction are left after its end (the stack exits last).
    with ExitStack() as after_transaction, transaction(conn):
        staged, new_versions, sources = (
            _stage_and_insert(conn, path, key, source, after_transaction) if items
            else (0, 0, None))
        conn.execute(
            "INSERT INTO crawl_files (path, source, loaded_at, items, new_versions, rejected) VALUES (?, ?, ?, ?, ?, ?)",
            [key, sources, datetime.now(UTC), items, new_versions, items - staged],
        )
        if spider is not None:
            record_crawl(conn, key, spider, stats or {}, crawl_outcome(stats or {}))
        if new_versions > 0:
            after_transaction.enter_context(_commit_straight_to_file(conn))
        if before_commit is not None:
            before_commit(new_versions)
    rejected = items - staged
    rejections = rejected_lines(path, source, rejected) if rejected else ()
    for reason in rejections:
        log.warning("%s: rejected %s", key, reason)
    if rejected > len(rejections):
        log.warning("%s: %d lines rejected in all", key, rejected)
    return CrawlFileLoad(key, items, new_versions, rejected, rejections=rejections)
