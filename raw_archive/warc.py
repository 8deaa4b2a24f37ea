"""The raw archive: every HTTP response received, in gzipped WARC files, with an index.

`<dir>/<spider>-<UTC timestamp>.warc.gz` holds a request and a response record per response;
`<dir>/<spider>-<UTC timestamp>.index.jsonl` has one line per response:
{"url", "warc_file" (file name, relative to the archive directory), "offset" (of the response
record), "sha256" (of the payload as stored), "status", "fetched_at"}. Each pair of records is
one gzip member written and flushed whole before its index line, so a crawl killed at any point
leaves a readable WARC whose index points only at complete records.

`read_archived(warc_file, offset)` gives a response back for re-extraction without the network.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# The body is stored without its chunked framing; a reader must not try to undo it again.
_DROPPED_FRAMING = "X-Archive-Removed-Transfer-Encoding"


class ArchivedResponse(NamedTuple):
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # content-decoded (gzip, deflate) when the server had encoded it


class WarcArchive:
    """An open WARC file and its index for one crawl; plain values in, nothing Scrapy-specific."""

    def __init__(self, directory: Path, spider: str, started: datetime) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.warc_path, self._warc = _open_new(self.directory, f"{spider}-{stamp}")
        self.index_path = self.warc_path.with_name(
            self.warc_path.name.removesuffix(".warc.gz") + ".index.jsonl")
        self._index = self.index_path.open("a", encoding="utf-8")

    def write(self, *, url: str, method: str, request_headers: Iterable[tuple[str, str]],
              status: int, response_headers: Iterable[tuple[str, str]], body: bytes,
              fetched_at: datetime, protocol: str = "HTTP/1.1") -> dict:
        """Append a request and a response record; returns the index entry written."""
        moment = fetched_at.astimezone(UTC)
        warc_date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = list(request_headers)
        if not any(name.lower() == "host" for name, _ in sent):
            sent.insert(0, ("Host", parts.netloc))
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), warc_headers_dict={"WARC-Date": warc_date},
            http_headers=StatusAndHeaders(f"{method} {target} {protocol}", sent,
                                          is_http_request=True))
        received = [(_DROPPED_FRAMING if name.lower() == "transfer-encoding" else name, value)
                    for name, value in response_headers]
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), warc_headers_dict={"WARC-Date": warc_date},
            http_headers=StatusAndHeaders(f"{status} {_reason(status)}", received,
                                          protocol=protocol))
        response.rec_headers.add_header("WARC-Concurrent-To",
                                        request.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(request)
        response_at = buffer.tell()
        writer.write_record(response)
        offset = self._warc.tell() + response_at
        self._warc.write(buffer.getvalue())
        self._warc.flush()
        entry = {"url": url, "warc_file": self.warc_path.name, "offset": offset,
                 "sha256": hashlib.sha256(body).hexdigest(), "status": status,
                 "fetched_at": moment.isoformat(timespec="seconds").replace("+00:00", "Z")}
        self._index.write(json.dumps(entry) + "\n")
        self._index.flush()
        return entry

    def close(self) -> None:
        self._warc.close()
        self._index.close()


_GZIP_MAGIC = b"\x1f\x8b"


def read_archived(warc_file: str | Path, offset: int) -> ArchivedResponse:
    """The response record at `offset` of a WARC file. ValueError naming the file and offset
    when no response record starts there."""
    where = f"{warc_file} at offset {offset}"
    if offset < 0:
        raise ValueError(f"{where}: offsets start at 0")
    with Path(warc_file).open("rb") as stream:
        stream.seek(offset)
        try:
            # Each record of a .warc.gz is a gzip member of its own. Inside one, warcio may still
            # find something to parse, so a record must start with the gzip magic to be one.
            if str(warc_file).endswith(".gz") and stream.read(2) not in (_GZIP_MAGIC, b""):
                raise ValueError(f"{where}: no WARC record starts there (no gzip member begins there)")
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if record is None:
                raise ValueError(f"{where}: no WARC record there (past the end of the file?)")
            if record.rec_type != "response" or record.http_headers is None:
                raise ValueError(f"{where}: a WARC {record.rec_type} record, not an HTTP response")
            body = record.content_stream().read()
        except ArchiveLoadFailed as error:
            raise ValueError(f"{where}: no WARC record starts there ({error})") from None
        status = int(record.http_headers.get_statuscode())
        headers = [(name, value) for name, value in record.http_headers.headers
                   if name != _DROPPED_FRAMING]
        return ArchivedResponse(record.rec_headers.get_header("WARC-Target-URI"), status,
                                headers, body)


def _open_new(directory: Path, stem: str):
    """A new file `<stem>.warc.gz`, or `<stem>-2.warc.gz`... when a crawl of the same second
    already took that name (never append to another crawl's archive)."""
    for attempt in range(1, 1000):
        name = f"{stem}.warc.gz" if attempt == 1 else f"{stem}-{attempt}.warc.gz"
        try:
            return directory / name, (directory / name).open("xb")
        except FileExistsError:
            continue
    raise FileExistsError(f"{directory}: no free archive name for {stem}")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def archived_record_id(warc_file: str | Path, offset: int) -> str | None:
    """The WARC-Record-ID of the record at `offset`, or None when the file has no record there."""
    try:
        with Path(warc_file).open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)), None)
    except (OSError, ArchiveLoadFailed):
        return None
    return None if record is None else record.rec_headers.get_header("WARC-Record-ID")
