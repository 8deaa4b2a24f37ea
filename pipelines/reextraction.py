"""Re-run extraction offline, over the HTML the spiders received (kept in raw_documents, and as raw
responses in the WARC archive), then re-tag the versions whose text changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.archive_source import MISSING, UNREADABLE, ArchivedVersion, ArchiveReader
from pipelines.extraction import EXTRACTOR_VERSION
from pipelines.processing import extracted_row, tag_pending
from pipelines.reference_tagger import reference_codebook_version
from pipelines.workers import parallel_map
from warehouse.bulk import insert_rows
from warehouse.sql import query
from warehouse.texts import PendingDocument, save_extracted
from warehouse.transaction import transaction

BATCH = 500


@dataclass(frozen=True)
class Reextraction:
    versions: int       # versions extracted again
    text_changed: int   # of which the text came out different
    retagged: int
    # Only with from_archive: versions skipped because no response is archived for them, or none
    # reads back holding them; and versions whose archived HTML differs from the stored one.
    archive_missing: int = 0
    archive_unreadable: int = 0
    archive_differs: int = 0


def reextract(conn: duckdb.DuckDBPyConnection, outdated_only: bool = True, workers: int | None = None,
              from_archive: Path | None = None) -> Reextraction:
    """Extract again; the HTML comes from raw_documents, or with `from_archive` (the WARC directory)
    from the archived responses, skipping (and counting) versions the archive cannot give back."""
    if from_archive is not None and not Path(from_archive).is_dir():
        raise FileNotFoundError(f"no raw archive directory at {from_archive}")
    codebook = reference_codebook_version()
    params = {"outdated_only": outdated_only, "extractor_version": EXTRACTOR_VERSION}
    skipped = {MISSING: 0, UNREADABLE: 0, "differs": 0}
    if from_archive is None:
        batches = _stored_batches(conn, params)
    else:
        batches = _archived_batches(conn, params, ArchiveReader(conn, Path(from_archive)), skipped)
    versions = changed = 0
    with parallel_map(workers) as map_items:
        for batch in batches:
            docs = [doc for doc, _ in batch]
            rows = map_items(extracted_row, docs)
            different = [(row.doc_id, row.version, codebook)
                         for row, (_, previous_text) in zip(rows, batch) if row.text != previous_text]
            with transaction(conn):
                save_extracted(conn, rows, replacing=True)
                if different:
                    conn.execute("CREATE TEMP TABLE texts_changed (doc_id VARCHAR, version INTEGER, codebook_version VARCHAR)")
                    insert_rows(conn, "INSERT INTO texts_changed (doc_id, version, codebook_version) VALUES", different)
                    conn.execute(query("forget_changed_tags"))
            changed += len(different)
            versions += len(rows)
    retagged = tag_pending(conn, workers=workers).tagged
    return Reextraction(versions, changed, retagged, skipped[MISSING], skipped[UNREADABLE],
                        skipped["differs"])


def _stored_batches(conn: duckdb.DuckDBPyConnection, params: dict) -> Iterator[list[tuple[PendingDocument, str | None]]]:
    reader = conn.cursor().execute(query("extraction_inputs"), params)
    while batch := reader.fetchmany(BATCH):
        yield [(PendingDocument(*row[:8]), row[8]) for row in batch]


def _archived_batches(conn: duckdb.DuckDBPyConnection, params: dict, archive: ArchiveReader,
                      skipped: dict[str, int]) -> Iterator[list[tuple[PendingDocument, str | None]]]:
    reader = conn.cursor().execute(query("archive_extraction_inputs"), params)
    while batch := reader.fetchmany(BATCH):
        stored = [ArchivedVersion(*row[:9]) for row in batch]   # the query's columns in the fields' order
        found = []
        for row, doc, lookup in zip(batch, stored, archive.lookup_many(stored)):
            if lookup.html is None:
                skipped[lookup.problem] += 1
                continue
            skipped["differs"] += not lookup.same_as_stored
            url, subtitle, previous_text = row[9:]
            found.append((PendingDocument(doc.doc_id, doc.version, lookup.html, url, doc.published,
                                          doc.source, doc.title, subtitle),
                          previous_text))
        if found:
            yield found
