"""Faults the replica serves on demand: the ways the real sites misbehave.

Each fault rewrites the replies to the requests it targets (`where`) for the first `times` of
them (None: every one), and keeps the requests it hit in `hits`, so a test can compare what the
crawl counted with what the server did. `python -m spiders.replica --faults NAME[,NAME]` serves
the defaults of FAULTS by name.
"""

from __future__ import annotations

import codecs
import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from email.utils import formatdate
from typing import Any

from spiders.replica.catalogue import Catalogue
from spiders.replica.doj_api import LISTING_PATH as DOJ_LISTING
from spiders.replica.reply import Reply, Request
from spiders.replica.server import _ITEM_PATH, PRESSCORNER_PREFIX

EU_SEARCH = f"{PRESSCORNER_PREFIX}/api/search"
EU_DOCUMENTS = f"{PRESSCORNER_PREFIX}/api/documents"
Where = Callable[[Request], bool]


def listing(request: Request) -> bool:
    """A DOJ listing page or a Press Corner search page."""
    return request.path in (DOJ_LISTING, EU_SEARCH)


def document(request: Request) -> bool:
    """One document: a Press Corner document, a DOJ item or a DOJ release page."""
    return (request.path == EU_DOCUMENTS or bool(_ITEM_PATH.fullmatch(request.path))
            or "/pr/" in request.path)


def nth_listing_page(index: int) -> Where:
    """The listing page `index` counted from 0 (DOJ `page` is 0-based, Press Corner's 1-based)."""
    def where(request: Request) -> bool:
        if request.path == DOJ_LISTING:
            return request.param("page", "0") == str(index)
        return request.path == EU_SEARCH and request.param("pagenumber", "1") == str(index + 1)
    return where


class Fault:
    """Misbehave on the first `times` successful replies to requests matching `where`."""

    name = "fault"
    default_where: Where = staticmethod(listing)

    def __init__(self, where: Where | None = None, times: int | None = 1) -> None:
        self.where = where or type(self).default_where
        self.times = times
        self.hits: list[Request] = []
        self._lock = threading.Lock()

    def intercept(self, request: Request, reply: Reply) -> Reply:
        if reply.status != 200 or not self.where(request):
            return reply
        with self._lock:
            if self.times is not None and len(self.hits) >= self.times:
                return reply
            changed = self.misbehave(request, reply)
            if changed is None:  # nothing this fault can do to that reply
                return reply
            self.hits.append(request)
            return changed

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        raise NotImplementedError


class RateLimited(Fault):
    """429 (or 503) with Retry-After, in seconds or as an HTTP date."""

    name = "rate_limit"

    def __init__(self, where: Where | None = None, times: int | None = 1, *,
                 retry_after: float = 1, status: int = 429, as_http_date: bool = False) -> None:
        super().__init__(where, times)
        self.retry_after, self.status, self.as_http_date = retry_after, status, as_http_date

    def misbehave(self, request: Request, reply: Reply) -> Reply:
        if self.as_http_date:
            value = formatdate(time.time() + self.retry_after, usegmt=True)
        else:
            value = str(int(self.retry_after)) if float(self.retry_after).is_integer() \
                else str(self.retry_after)
        message = "Too many requests" if self.status == 429 else "Service unavailable"
        body = json.dumps({"status": self.status, "message": message}).encode()
        return Reply(self.status, body, headers={"Retry-After": value})


class Unavailable(RateLimited):
    """503 Service Unavailable with Retry-After (maintenance windows)."""

    name = "unavailable"

    def __init__(self, where: Where | None = None, times: int | None = 1, *,
                 retry_after: float = 1, as_http_date: bool = False) -> None:
        super().__init__(where, times, retry_after=retry_after, status=503,
                         as_http_date=as_http_date)


class ServerError(Fault):
    name = "server_error"
    default_where = staticmethod(document)

    def misbehave(self, request: Request, reply: Reply) -> Reply:
        return Reply(500, b"<html><body><h1>Internal Server Error</h1></body></html>",
                     "text/html; charset=utf-8")


class SlowReply(Fault):
    """Answers only after `delay` seconds: longer than the crawl's DOWNLOAD_TIMEOUT."""

    name = "timeout"

    def __init__(self, where: Where | None = None, times: int | None = 1, *,
                 delay: float = 5.0) -> None:
        super().__init__(where, times)
        self.delay = delay

    def misbehave(self, request: Request, reply: Reply) -> Reply:
        reply.delay_seconds = self.delay
        return reply


class BadJson(Fault):
    """A 200 whose JSON is malformed (a trailing comma before the closing brace)."""

    name = "bad_json"

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        body = reply.body.rstrip()
        if "json" not in reply.content_type or not body.endswith(b"}"):
            return None
        return Reply(200, body[:-1] + b", }", reply.content_type, dict(reply.headers))


class Truncated(Fault):
    """Content-Length announces the whole body, half of it is sent, then the connection closes."""

    name = "truncated"
    default_where = staticmethod(document)

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        if len(reply.body) < 2:
            return None
        whole = len(reply.body)
        return Reply(200, reply.body[:whole // 2], reply.content_type, dict(reply.headers),
                     declared_length=whole)


class Cp1252Body(Fault):
    """The body in Windows-1252 with no charset anywhere (header or meta), as old servers do."""

    name = "cp1252"
    default_where = staticmethod(document)

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        text = reply.body.decode("utf-8")
        media_type = reply.content_type.split(";")[0].strip()
        if "json" in media_type:
            body = text.encode("cp1252", errors=_JSON_ESCAPE)
        else:
            body = _META_CHARSET.sub("", text).encode("cp1252", errors="xmlcharrefreplace")
        if body.isascii():  # nothing would tell the two encodings apart
            return None
        return Reply(200, body, media_type, dict(reply.headers))


class TooLarge(Fault):
    """A 50 MB answer, far over any DOWNLOAD_MAXSIZE a crawl should accept."""

    name = "too_large"
    default_where = staticmethod(document)

    def __init__(self, where: Where | None = None, times: int | None = 1, *,
                 size: int = 50 * 1024 * 1024) -> None:
        super().__init__(where, times)
        self.size = size

    def misbehave(self, request: Request, reply: Reply) -> Reply:
        return Reply(200, b" " * self.size, reply.content_type, dict(reply.headers))


class RepeatedItem(Fault):
    """A listing page also carries an item of the page served before it (pages shifting)."""

    name = "duplicate"

    def __init__(self, where: Where | None = None, times: int | None = 1) -> None:
        super().__init__(where, times)
        self.carried: Any = None

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        payload = _json_object(reply)
        rows = _rows(payload)
        if not rows:
            return None
        carried, self.carried = self.carried, rows[0]
        if carried is None or carried in rows:
            return None
        rows.insert(0, carried)
        return _with_json(reply, payload)


class PaginationLoop(Fault):
    """Counts that never end, and past the last page the first page served again."""

    name = "loop"

    def __init__(self, where: Where | None = None, times: int | None = None) -> None:
        super().__init__(where, times)
        self.first_pages: dict[tuple, list] = {}

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        payload = _json_object(reply)
        rows = _rows(payload)
        if payload is None or rows is None:
            return None
        family = (request.path, tuple(sorted(
            (key, tuple(values)) for key, values in request.query.items()
            if key not in ("page", "pagenumber"))))
        _inflate_count(payload, 2 * int(request.param("pagesize", "50") or 50))
        if nth_listing_page(0)(request):
            self.first_pages[family] = list(rows)
        if rows or family not in self.first_pages:
            # The inflated count is served on every page, but only a page served again is a hit.
            reply.body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            return None
        rows.extend(self.first_pages[family])
        return _with_json(reply, payload)


class ChangedRelease(Fault):
    """One DOJ release was revised after publication: a new body and a new `changed` time."""

    name = "changed"

    def __init__(self, uuid: str | None = None) -> None:
        super().__init__(where=listing, times=None)
        self.uuid = uuid
        self.new_body: str | None = None
        self.changed_at: int | None = None

    def prepare(self, catalogue: Catalogue) -> None:
        with_body = sorted((r for r in catalogue.doj if r.api["body"]),
                           key=lambda release: (release.day, release.api["uuid"]))
        release = catalogue.by_uuid[self.uuid] if self.uuid else with_body[0]
        self.uuid = release.api["uuid"]
        self.changed_at = int(time.time())
        self.new_body = (release.api["body"] or release.page_body) + (
            "\n<p>Correction: an earlier version of this release gave a wrong date for the "
            "hearing.</p>\n")
        release.api["body"] = self.new_body
        release.api["changed"] = str(self.changed_at)

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        return reply if self.uuid and self.uuid.encode() in reply.body else None


class FaultSet:
    """Several faults at once, applied in order."""

    def __init__(self, faults: Iterable[Any]) -> None:
        self.faults = list(faults)

    def prepare(self, catalogue: Catalogue) -> None:
        for fault in self.faults:
            if hasattr(fault, "prepare"):
                fault.prepare(catalogue)

    def intercept(self, request: Request, reply: Reply) -> Reply:
        for fault in self.faults:
            reply = fault.intercept(request, reply)
        return reply


FAULTS: dict[str, Callable[[], Fault]] = {
    "rate_limit": RateLimited,
    "unavailable": Unavailable,
    "server_error": ServerError,
    "timeout": SlowReply,
    "bad_json": BadJson,
    "truncated": Truncated,
    "cp1252": Cp1252Body,
    "duplicate": RepeatedItem,
    "changed": ChangedRelease,
    "loop": PaginationLoop,
    "too_large": TooLarge,
}


def faults_by_name(names: str) -> FaultSet:
    """FaultSet of the comma-separated fault names; ValueError naming an unknown one."""
    chosen = [name.strip() for name in names.split(",") if name.strip()]
    for name in chosen:
        if name not in FAULTS:
            raise ValueError(f"unknown fault {name!r} (known: {', '.join(sorted(FAULTS))})")
    return FaultSet(FAULTS[name]() for name in chosen)


_META_CHARSET = re.compile(
    r"<meta\s+(?:charset\s*=\s*[\"']?[\w-]+[\"']?|http-equiv\s*=\s*[\"']?content-type[^>]*)\s*/?>",
    re.IGNORECASE)


def _escape_for_json(error: UnicodeError) -> tuple[str, int]:
    # Characters Windows-1252 lacks become \\u escapes, which JSON reads back as the same text.
    assert isinstance(error, UnicodeEncodeError)
    escaped = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


_JSON_ESCAPE = "replica_json_escape"
codecs.register_error(_JSON_ESCAPE, _escape_for_json)


def _json_object(reply: Reply) -> dict | None:
    try:
        payload = json.loads(reply.body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _rows(payload: dict | None) -> list | None:
    if payload is None:
        return None
    rows = payload.get("results", payload.get("docuLanguageListResources"))
    return rows if isinstance(rows, list) else None


def _inflate_count(payload: dict, extra: int) -> None:
    if "totalNumber" in payload:
        payload["totalNumber"] = int(payload["totalNumber"]) + extra
    resultset = payload.get("metadata", {}).get("resultset")
    if isinstance(resultset, dict) and "count" in resultset:
        resultset["count"] = int(resultset["count"]) + extra


def _with_json(reply: Reply, payload: dict) -> Reply:
    return Reply(reply.status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                 reply.content_type, dict(reply.headers))
