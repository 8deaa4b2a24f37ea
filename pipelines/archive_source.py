"""A document version's HTML rebuilt from the raw archive: the HTTP response the spider received,
read back from its WARC file and parsed again with the spiders' own parsers.

Which response: the newest archived one for the version's `fetch_url` at or before its `fetched_at`
(the one the spider read). A later response is taken only when it holds exactly the stored content
(same content hash), never on a guess. A response is used only once it reads back as the index
recorded it (payload sha256), so a damaged file yields nothing rather than damaged HTML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb

from raw_archive.verify import verify_record
from raw_archive.warc import ArchivedResponse, read_archived
from spiders.parsing.doj import LISTING_PATH, parse_listing, release_body
from spiders.parsing.encoding import decode_body
from spiders.parsing.presscorner import document_item
from spiders.parsing.shape import ShapeError, load_json
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
        if not doc.fetch_url:
            return ArchiveLookup(None, MISSING)
        candidates = self.conn.cursor().execute(
            query("archive_candidates"), {"url": doc.fetch_url, "fetched_at": doc.fetched_at}).fetchall()
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
    """What the spider parsed from the response: the page's text for a DOJ page, else the JSON
    payload. None when it is not JSON where JSON is expected."""
    content_type = next((value for name, value in response.headers if name.lower() == "content-type"), None)
    if doc.source == "doj" and not is_doj_listing(response.url):
        return decode_body(response.body, content_type, html=True).text
    try:
        return load_json(decode_body(response.body, content_type).text)
    except ShapeError:
        return None


def html_of(payload: Any, doc: ArchivedVersion) -> str | None:
    """The version's HTML within a parsed response, as the spider built it; None when the response
    does not hold this document."""
    try:
        if doc.source == "doj":
            if isinstance(payload, str):
                return payload
            for record in parse_listing(payload).results:
                if str(record.get("uuid", "")).strip() == doc.source_id:
                    return release_body(record) or None
            return None
        if doc.source == "eu":
            item = document_item(payload, requested_reference=doc.source_id,
                                 fetch_url=doc.fetch_url or "", fetched_at=doc.fetched_at or datetime.now())
            return item.html if item.source_id == doc.source_id else None
    except (ShapeError, ValueError):
        return None
    raise ValueError(f"{doc.doc_id} version {doc.version}: unknown source {doc.source!r}")


def is_doj_listing(url: str) -> bool:
    return urlsplit(url).path.endswith(LISTING_PATH)


def content_sha256(title: str | None, html: str | None, published: date | str | None) -> str:
    """The content hash raw_documents keeps (warehouse/queries/stage_crawl_file.sql)."""
    day = published.isoformat() if isinstance(published, date) else (published or "")
    return hashlib.sha256("\x1f".join((title or "", html or "", day)).encode("utf-8")).hexdigest()
