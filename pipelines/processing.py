"""The transform stages as plain functions over a warehouse connection: extract, then tag, whatever
is pending for a window of publication dates. Dagster assets, the CLI and the benchmarks call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from pipelines.extraction import EXTRACTOR_VERSION, extract_page_date, extract_text
from pipelines.language import detect_language
from pipelines.near_duplicates import (
    WINDOW_DAYS,
    RecentRecords,
    TextRecord,
    assign_canonicals,
    fingerprint,
    similar_pairs,
)
from pipelines.reference_tagger import reference_codebook_version, reference_tagger
from pipelines.tagging import TagInput, TagResult
from pipelines.workers import parallel_map, return_freed_memory, start_worker_server, worker_count
from warehouse.connection import memory_at_most
from warehouse.duplicates import (
    existing_links,
    finish_duplicate_pass,
    start_duplicate_pass,
    text_batches_to_compare,
)
from warehouse.tags import (
    TaggableDocument,
    count_pending_tagging,
    pending_tagging,
    save_tag_results,
    set_current_codebook,
)
from warehouse.texts import ExtractedRow, PendingDocument, pending_extraction, save_extracted
from warehouse.transaction import transaction

# Worker processes pay off only for a stage of some size: each starts by importing trafilatura (and,
# for tagging, building the tagger: about 1.5 s of CPU in all), while an item costs about 3 ms to
# extract and 1 ms to tag. A first batch smaller than these means the whole stage is (batches are
# 500 long), and it runs faster in this process: a weekly run's few dozen documents, or a replica's.
EXTRACTION_MIN_ITEMS_FOR_WORKERS = 300
TAGGING_MIN_ITEMS_FOR_WORKERS = 500
LINKING_MIN_ITEMS_FOR_WORKERS = 500
# A linking pass sorts by date every text published within a week of a pending document: in a
# backfill, the whole warehouse. Past this, DuckDB spills that sort to disk instead of growing to the
# connection's whole budget beside the workers (a 300,000-document warehouse: 447 → 286 MB).
LINKING_DUCKDB_MEMORY_MIB = 200


@dataclass(frozen=True)
class ExtractionCounts:
    extracted: int
    without_text: int


@dataclass(frozen=True)
class TaggingCounts:
    codebook_version: str
    tagged: int
    member_tags: int
    goal_tags: int
    events: int
    untagged_elsewhere: int   # versions of other weeks still lacking this codebook's tags


def prepare_workers(new_versions: int) -> None:
    """When a load stores enough new versions for extraction to need workers: start the server they
    are forked from now, so that it loads the stages and builds the tagger on the core the load's
    commit leaves idle (load_crawl_file's before_commit)."""
    if new_versions >= EXTRACTION_MIN_ITEMS_FOR_WORKERS and worker_count() > 1:
        start_worker_server()


def extracted_row(doc: PendingDocument) -> ExtractedRow:
    html = doc.page
    text = extract_text(html, doc.url)
    # The API's date first; the page's own date only when the API gave none (searching the page costs
    # as much as extracting it); never the crawl date.
    page_date = extract_page_date(html, doc.url) if doc.published is None else None
    if doc.published is not None:
        published, date_source = doc.published, "api"
    elif page_date is not None:
        published, date_source = page_date, "page"
    else:
        published, date_source = None, None
    return ExtractedRow(doc.doc_id, doc.version, text, published, date_source, EXTRACTOR_VERSION,
                        detect_language(text), doc.source, doc.title, doc.subtitle)


def extract_pending(
    conn: duckdb.DuckDBPyConnection, start: date = date.min, end: date = date.max, workers: int | None = None
) -> ExtractionCounts:
    extracted = empty = 0
    return_freed_memory()   # what an earlier stage in this process freed, before workers start beside it
    with parallel_map(workers, EXTRACTION_MIN_ITEMS_FOR_WORKERS) as mapper:
        for _batch, rows in mapper.pipelined(extracted_row, pending_extraction(conn, start, end)):
            save_extracted(conn, rows)
            return_freed_memory()   # each batch frees hundreds of page-sized strings
            extracted += len(rows)
            empty += sum(1 for row in rows if not row.text)
    return ExtractionCounts(extracted, empty)


def tag_one(doc: TaggableDocument) -> TagResult:
    return reference_tagger().tag(TagInput(id=doc.doc_id, source=doc.source, title=doc.title or "",
                                            text=doc.text or "", published=doc.published,
                                            subtitle=doc.subtitle or ""))


def tag_pending(
    conn: duckdb.DuckDBPyConnection, start: date = date.min, end: date = date.max, workers: int | None = None
) -> TaggingCounts:
    """Tag what is pending under the reference codebook. The views switch to that codebook only once
    every document carries its tags, so a trend line never mixes two codebooks."""
    version = reference_codebook_version()
    counts = [0, 0, 0, 0]
    with parallel_map(workers, TAGGING_MIN_ITEMS_FOR_WORKERS) as mapper:
        for batch, results in mapper.pipelined(tag_one, pending_tagging(conn, version, start, end)):
            counts = [a + b for a, b in zip(counts, save_tag_results(conn, list(zip(batch, results))))]
    untagged = count_pending_tagging(conn, version)
    if untagged == 0:
        set_current_codebook(conn, version)
    return TaggingCounts(version, *counts, untagged)


def link_near_duplicates(conn: duckdb.DuckDBPyConnection, workers: int | None = None) -> int:
    """Link each document whose current text was not compared yet (new documents, new versions,
    re-extracted texts) to the canonical document it repeats; returns the links made.

    Only documents published within a week of a pending one are read, so a weekly run stays small
    however large the warehouse. The texts are fingerprinted in worker processes while this one
    compares the fingerprints in date order. One transaction: a failed pass leaves the old links in
    place."""
    with memory_at_most(conn, LINKING_DUCKDB_MEMORY_MIB), transaction(conn):
        if start_duplicate_pass(conn) == 0:
            conn.execute("DROP TABLE duplicate_pending")
            return 0
        existing = existing_links(conn)
        recent = RecentRecords()
        settled: dict[str, TextRecord] = {}   # what assign_canonicals needs: the new, and those paired

        def fingerprints():
            batches = ([TextRecord(*row) for row in rows] for rows in text_batches_to_compare(conn, WINDOW_DAYS))
            with parallel_map(workers, LINKING_MIN_ITEMS_FOR_WORKERS) as mapper:
                for _batch, found in mapper.pipelined(fingerprint, batches):
                    for each in found:
                        recent.add(each.record)
                        if each.record.is_new:
                            settled[each.record.doc_id] = each.record
                        yield each

        pairs = []
        for pair in similar_pairs(fingerprints()):
            pairs.append(pair)
            for doc_id in (pair.first, pair.second):
                settled.setdefault(doc_id, recent.records[doc_id])
        return finish_duplicate_pass(conn, assign_canonicals(list(settled.values()), pairs, existing))

