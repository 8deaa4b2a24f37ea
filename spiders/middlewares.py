"""Downloader middlewares: polite retries, and the raw WARC archive of every response.

PoliteRetryMiddleware replaces Scrapy's RetryMiddleware, which retries at once and ignores
Retry-After. Settings: RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS (Scrapy's own), and
  ALLIANCE_RETRY_BACKOFF   seconds before the first retry of a 5xx or a failed download,
                           doubled for each further try
  ALLIANCE_RETRY_MAX_WAIT  longest wait, in seconds: backoffs stop growing there, and a
                           server asking (Retry-After) for longer ends the crawl politely
                           with finish reason "retry_after_too_long"

WarcArchiveMiddleware writes each response, as received, when ALLIANCE_WARC_DIR is set.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    ResponseDataLossError,
)
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from raw_archive.warc import WarcArchive
from spiders.ledger import count_error

logger = logging.getLogger(__name__)
NOT_BEFORE = "alliance_not_before"  # request meta: time.monotonic() before which not to send
RATE_LIMIT_STATUSES = (429, 503)


def retry_after_seconds(value: str | bytes | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks to wait (delay-seconds or an HTTP date); None when
    absent or unreadable; 0 for a date already past."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    text = (value or "").strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def backoff_seconds(tries: int, base: float, cap: float) -> float:
    """Wait before try number `tries + 1`: base, 2 x base, 4 x base... never more than cap."""
    return min(cap, base * 2 ** max(0, tries - 1))


def failure_kind(exception: BaseException) -> str | None:
    """The error kind counted for a failed download; None for a request that was dropped
    on purpose (robots.txt, the offsite filter), which is no failure."""
    if isinstance(exception, IgnoreRequest):
        return None
    if isinstance(exception, (DownloadTimeoutError, TwistedTimeoutError)):
        return "timeout"
    if isinstance(exception, ResponseDataLossError):
        return "truncated"
    if isinstance(exception, DownloadCancelledError):
        # Scrapy cancels a download only when the body is over DOWNLOAD_MAXSIZE.
        return "too_large"
    return "connection"


class PoliteRetryMiddleware:
    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.retry_statuses = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.retry_exceptions = tuple(
            load_object(name) if isinstance(name, str) else name
            for name in settings.getlist("RETRY_EXCEPTIONS"))
        self.backoff = settings.getfloat("ALLIANCE_RETRY_BACKOFF")
        self.max_wait = settings.getfloat("ALLIANCE_RETRY_MAX_WAIT")
        self.paused_until: dict[str, float] = {}  # host -> time.monotonic() it may be asked again
        self._closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> PoliteRetryMiddleware:
        return cls(crawler)

    async def process_request(self, request: Any) -> None:
        ready = max(request.meta.get(NOT_BEFORE, 0.0),
                    self.paused_until.get(urlsplit(request.url).netloc, 0.0))
        wait = ready - time.monotonic()
        if wait > 0:
            await sleep(wait)

    def process_response(self, request: Any, response: Any) -> Any:
        stats = self.crawler.stats
        status = response.status
        if status >= 400:
            count_error(stats, f"http_{status}")
        if request.meta.get("dont_retry") or status not in self.retry_statuses:
            return response
        asked = None
        if status in RATE_LIMIT_STATUSES:
            asked = retry_after_seconds(response.headers.get("Retry-After"), datetime.now(UTC))
        if asked is not None and asked > self.max_wait:
            self._stop_asked_to_wait(request, asked)
            return response
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"http_{status}")
        if retry is None:
            count_error(stats, "gave_up")
            return response
        if asked is not None:  # the whole host waits, not just this request
            self._pause_host(request, asked)
            wait = asked
        else:
            wait = backoff_seconds(retry.meta["retry_times"], self.backoff, self.max_wait)
        retry.meta[NOT_BEFORE] = time.monotonic() + wait
        return retry

    def process_exception(self, request: Any, exception: Exception) -> Any:
        kind = failure_kind(exception)
        if kind is None:
            return None
        stats = self.crawler.stats
        count_error(stats, kind)
        logger.warning("%s: %s (%s)", kind, request.url, exception)
        if request.meta.get("dont_retry") or not isinstance(exception, self.retry_exceptions):
            return None
        retry = get_retry_request(request, spider=self.crawler.spider, reason=kind)
        if retry is None:
            count_error(stats, "gave_up")
            return None
        retry.meta[NOT_BEFORE] = time.monotonic() + backoff_seconds(
            retry.meta["retry_times"], self.backoff, self.max_wait)
        return retry

    def _pause_host(self, request: Any, seconds: float) -> None:
        """Hold every request to the host: those not yet downloading wait in process_request;
        those already queued in the downloader's slot wait because the slot seems to have
        sent its last request just now (this needs DOWNLOAD_DELAY > 0, as every crawl of the
        real sites has)."""
        until = time.monotonic() + seconds
        host = urlsplit(request.url).netloc
        self.paused_until[host] = max(self.paused_until.get(host, 0.0), until)
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.download_delay() > 0:
            slot.lastseen = max(slot.lastseen, until - slot.download_delay())

    def _stop_asked_to_wait(self, request: Any, asked: float) -> None:
        count_error(self.crawler.stats, "gave_up")
        logger.error("%s asks to wait %.0f s (Retry-After), more than ALLIANCE_RETRY_MAX_WAIT "
                     "(%.0f s): ending the crawl", request.url, asked, self.max_wait)
        if self._closing is None:
            self._closing = deferred_from_coro(
                self.crawler.engine.close_spider_async(reason="retry_after_too_long"))


class WarcArchiveMiddleware:
    """Sits next to the downloader, so it sees every response as received: errors, redirects
    and responses about to be retried included, still content-encoded."""

    def __init__(self, crawler: Any, directory: str) -> None:
        self.crawler = crawler
        self.directory = directory
        self.archive: WarcArchive | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcArchiveMiddleware:
        directory = crawler.settings.get("ALLIANCE_WARC_DIR")
        if not directory:
            raise NotConfigured
        return cls(crawler, directory)

    def process_response(self, request: Any, response: Any) -> Any:
        if self.archive is None:
            self.archive = WarcArchive(self.directory, self.crawler.spider.name,
                                       datetime.now(UTC))
        self.archive.write(
            url=response.url, method=request.method,
            request_headers=_header_pairs(request.headers), status=response.status,
            response_headers=_header_pairs(response.headers), body=response.body,
            fetched_at=datetime.now(UTC), protocol=response.protocol or "HTTP/1.1")
        return response

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() for value in values]
