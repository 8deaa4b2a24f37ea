"""Re-run extraction offline, over the HTML the spiders received (kept in raw_documents, and as raw
responses in the WARC archive), then re-tag the versions whose text changed."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.extraction import EXTRACTOR_VERSION
from pipelines.processing import _reference_tagger, extracted_row, tag_pending
from pipelines.workers import parallel_map
from warehouse.sql import query
from warehouse.texts import PendingDocument, save_extracted


@dataclass(frozen=True)
class Reextraction:
    versions: int       # versions extracted again
    text_changed: int   # of which the text came out different
    retagged: int


def reextract(conn: duckdb.DuckDBPyConnection, outdated_only: bool = True, workers: int | None = None) -> Reextraction:
    codebook = _reference_tagger().codebook_version
    reader = conn.cursor().execute(
        query("extraction_inputs"), {"outdated_only": outdated_only, "extractor_version": EXTRACTOR_VERSION})
    versions = changed = 0
    with parallel_map(workers) as map_items:
        while batch := reader.fetchmany(500):
            docs = [PendingDocument(*row[:7]) for row in batch]
            rows = map_items(extracted_row, docs)
            different = [(row.doc_id, row.version, codebook)
                         for row, (*_, previous_text) in zip(rows, batch) if row.text != previous_text]
            conn.execute("BEGIN TRANSACTION")
            save_extracted(conn, rows)
            if different:
                conn.execute("CREATE TEMP TABLE texts_changed (doc_id VARCHAR, version INTEGER, codebook_version VARCHAR)")
                conn.executemany("INSERT INTO texts_changed VALUES (?, ?, ?)", different)
                conn.execute(query("forget_changed_tags"))
            conn.execute("COMMIT")
            changed += len(different)
            versions += len(rows)
    retagged = tag_pending(conn, workers=workers).tagged
    return Reextraction(versions, changed, retagged)
