"""Faults in one reply: rate limits, errors, slowness, broken or odd bodies."""

from __future__ import annotations

import codecs
import json
import re
import time
from email.utils import formatdate

from replica.faulting import Fault, Where, document
from replica.reply import Reply, Request


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
