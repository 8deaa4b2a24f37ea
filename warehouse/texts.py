"""Read document versions awaiting extraction and store their extracted text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from warehouse.bulk import insert_rows
from warehouse.connection import one_thread
from warehouse.sql import query

# DuckDB stores a column in vectors of this many rows and decompresses a page column a whole
# vector at a time: a read of 500 rows that touches a vector pays for all 2,048 of its pages.
STORAGE_VECTOR_ROWS: int = duckdb.__standard_vector_size__


@dataclass(frozen=True)
class PendingDocument:
    doc_id: str
    version: int
    html: str | bytes | None   # bytes: UTF-8 as read from the warehouse (see `page`)
    url: str | None
    published: date | None
    source: str | None = None
    title: str | None = None
    subtitle: str | None = None

    @property
    def page(self) -> str | None:
        """The HTML as text. The warehouse's reader hands pages on as bytes, so that the process
        reading them builds no strings; whoever extracts a page decodes it."""
        return self.html.decode("utf-8") if isinstance(self.html, bytes) else self.html


@dataclass(frozen=True)
class ExtractedRow:
    doc_id: str
    version: int
    text: str | None
    published: date | None
    date_source: str | None
    extractor_version: str
    text_language: str | None = None   # ISO 639-1, detected from the text
    source: str | None = None
    title: str | None = None
    subtitle: str | None = None


def pending_extraction(
    conn: duckdb.DuckDBPyConnection, start: date, end: date, batch_size: int = 500
) -> Iterator[list[PendingDocument]]:
    """Batches of at most `batch_size` versions not yet extracted (published in [start, end), undated
    or revisions), in storage order. Each storage vector is read once, and only its HTML is in memory
    (beside the batches the caller still holds), so the corpus never sits in memory."""
    # A connection of its own, in one read transaction: the caller writes on `conn` between batches,
    # and every batch must come from the snapshot the keys were taken in.
    reader = conn.cursor()
    reader.begin()
    try:
        reader.execute(query("pending_extraction_keys"),
                       {"start": start, "end": end, "vector_size": STORAGE_VECTOR_ROWS})
        vectors = reader.execute(query("pending_extraction_batches")).fetchall()
        with one_thread(conn):
            for batch, first_row, last_row in vectors:
                result = reader.execute(query("pending_extraction"),
                                        {"batch": batch, "first_row": first_row, "last_row": last_row})
                while rows := result.fetchmany(batch_size):
                    yield [PendingDocument(*row) for row in rows]
    finally:
        reader.close()


def save_extracted(conn: duckdb.DuckDBPyConnection, rows: Iterable[ExtractedRow], *,
                   replacing: bool = False) -> int:
    """Store the texts of versions that have none (a version met twice is a fault and raises), or,
    `replacing`, new texts of versions extracted before."""
    now = datetime.now(UTC)
    values = [
        (r.doc_id, r.version, r.text, r.published, r.date_source, r.extractor_version, now, r.text_language,
         r.source, r.title, r.subtitle)
        for r in rows
    ]
    return insert_rows(
        conn,
        f"INSERT {'OR REPLACE ' if replacing else ''}INTO extracted_texts (doc_id, version, text, published, date_source, "
        "extractor_version, extracted_at, text_language, source, title, subtitle) VALUES",
        values,
    )
