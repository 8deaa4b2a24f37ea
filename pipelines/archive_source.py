"""A document version's HTML rebuilt from the raw archive: the HTTP response the spider received,
read back from its WARC file and parsed again with the spiders' own parsers.

Which response: the newest archived one for the version's `fetch_url` at or before its `fetched_at`
(the one the spider read). A later response is taken only when it holds exactly the stored content
(same content hash), never on a guess. A response is used only once it reads back as the index
recorded it (payload sha256), so a damaged file yields nothing rather than damaged HTML.
How a response is parsed is the source's own business: spiders/<source>/archived.py.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb

from raw_archive.verify import verify_record
from raw_archive.warc import ArchivedResponse, read_archived
from spiders.registry import source as registered_source
from warehouse.content_hash import content_sha256
from warehouse.sql import query

MISSING = "missing"          # no archived response for the version's fetch_url
UNREADABLE = "unreadable"    # responses archived, but none reads back holding the version


@dataclass(frozen=True)
class ArchivedVersion:
    """What identifies a version and where its HTML was fetched (columns of raw_documents)."""
    doc_id: str
    version: int
    source: str
    source_id: str
    fetch_url: str | None
    fetched_at: datetime | None
    title: str | None = None
    published: date | None = None
    content_sha256: str | None = None


@dataclass(frozen=True)
class ArchiveLookup:
    html: str | None
    problem: str | None = None       # MISSING or UNREADABLE when html is None
    same_as_stored: bool = False     # the rebuilt content hashes as the stored version does


def archived_html(conn: duckdb.DuckDBPyConnection, warc_dir: Path, doc: ArchivedVersion) -> str | None:
    """The version's HTML rebuilt from its archived response; None when none is archived or readable."""
    return ArchiveReader(conn, warc_dir).lookup(doc).html


class ArchiveReader:
    """Looks versions up in one archive, reading and parsing each response once (a DOJ listing page
    holds fifty releases)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, warc_dir: Path) -> None:
        self.conn = conn
        self.warc_dir = Path(warc_dir)
        self._payloads: dict[tuple[str, int], Any] = {}

    def lookup(self, doc: ArchivedVersion) -> ArchiveLookup:
        return self.lookup_many([doc])[0]

    def lookup_many(self, docs: Sequence[ArchivedVersion]) -> list[ArchiveLookup]:
        """Each version's lookup, in order; the candidates of all of them come from one query."""
        candidates = self._candidates(docs)
        return [self._rebuilt(doc, candidates.get(position, [])) for position, doc in enumerate(docs)]

    def _candidates(self, docs: Sequence[ArchivedVersion]) -> dict[int, list[tuple]]:
        asked = [(position, doc) for position, doc in enumerate(docs) if doc.fetch_url]
        if not asked:
            return {}
        rows = self.conn.cursor().execute(query("archive_candidates"), {
            "positions": [position for position, _ in asked],
            "urls": [doc.fetch_url for _, doc in asked],
            "fetched_ats": [doc.fetched_at for _, doc in asked],
        }).fetchall()
        by_position: dict[int, list[tuple]] = defaultdict(list)
        for position, *candidate in rows:
            by_position[position].append(tuple(candidate))
        return by_position

    def _rebuilt(self, doc: ArchivedVersion, candidates: list[tuple]) -> ArchiveLookup:
        if not candidates:
            return ArchiveLookup(None, MISSING)
        for warc_file, offset, sha256, at_or_before in candidates:
            payload = self._payload(warc_file, offset, sha256, doc)
            html = None if payload is None else html_of(payload, doc)
            if html is None:
                continue
            same = content_sha256(doc.title, html, doc.published) == doc.content_sha256
            if at_or_before or same:
                return ArchiveLookup(html, None, same)
        return ArchiveLookup(None, UNREADABLE)

    def _payload(self, warc_file: str, offset: int, sha256: str, doc: ArchivedVersion) -> Any:
        key = (warc_file, offset)
        if key not in self._payloads:
            self._payloads[key] = self._read(warc_file, offset, sha256, doc)
        return self._payloads[key]

    def _read(self, warc_file: str, offset: int, sha256: str, doc: ArchivedVersion) -> Any:
        if verify_record(self.warc_dir, warc_file, offset, sha256) is not None:
            return None
        try:
            return decoded_payload(read_archived(self.warc_dir / warc_file, offset), doc)
        # verify_record has just read it back whole; anything failing now is a damaged file too.
        except Exception:  # noqa: BLE001
            return None


def decoded_payload(response: ArchivedResponse, doc: ArchivedVersion) -> Any:
    """What the spider parsed from the response (the source's `archived_payload`); None when it
    is unusable."""
    content_type = next((value for name, value in response.headers if name.lower() == "content-type"), None)
    return archived_module(doc.source).archived_payload(response.url, response.body, content_type)


def html_of(payload: Any, doc: ArchivedVersion) -> str | None:
    """The version's HTML within a parsed response, as the spider built it (the source's
    `archived_html`); None when the response does not hold this document."""
    return archived_module(doc.source).archived_html(payload, doc.source_id, doc.fetch_url or "")


def archived_module(source: str) -> ModuleType:
    """spiders/<source>/archived.py of a registry source; RegistryError for any other name."""
    return importlib.import_module(f"spiders.{registered_source(source).name}.archived")
