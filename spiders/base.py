"""What both spiders share: their arguments, the listing ledger, counted errors, and asking
again for a body that arrived unusable."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response

from spiders.ledger import ListingLedger, count_error
from spiders.middlewares import NOT_BEFORE, backoff_seconds
from spiders.parsing import ShapeError
from spiders.parsing.encoding import Decoded, decode_body
from spiders.parsing.shape import is_not_json, load_json


class AllianceSpider(scrapy.Spider):
    watermark: date | None = None  # publication date of the newest document the last crawl listed

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> AllianceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.arguments = {name: str(value) for name, value in sorted(kwargs.items())}
        return spider

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.arguments: dict[str, str] = {}
        self.ledger = ListingLedger()

    def count(self, kind: str, message: str, *args: Any, level: int = logging.ERROR) -> None:
        count_error(self.crawler.stats, kind)
        self.logger.log(level, f"{self.name}: {kind}: {message}", *args)

    def read_json(self, response: Response) -> Any:
        """The JSON payload of a response; ShapeError when it is not JSON. A body in an
        undeclared encoding is read all the same, and counted."""
        decoded = self.decode(response)
        return load_json(decoded.text)

    def decode(self, response: Response, *, html: bool = False) -> Decoded:
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        decoded = decode_body(response.body, content_type, html=html)
        if decoded.guessed:
            self.count("encoding_guessed", "%s declares no charset and is not UTF-8; read as %s",
                       response.url, decoded.encoding, level=logging.WARNING)
        return decoded

    def unusable(self, response: Response, error: ShapeError, what: str) -> scrapy.Request | None:
        """Count an unusable listing or document; returns the request to ask for it again when
        the body was not JSON at all (often a passing glitch), None when there is no point."""
        self.crawler.stats.inc_value(f"{self.name}/bad_{what}")
        if not is_not_json(error):
            self.count("bad_record", "unusable %s at %s: %s", what, response.url, error)
            return None
        self.count("bad_json", "unusable %s at %s: %s", what, response.url, error)
        retry = get_retry_request(
            response.request, spider=self, reason="bad_json",
            max_retry_times=self.settings.getint("ALLIANCE_BAD_BODY_RETRIES"))
        if retry is None:
            self.count("gave_up", "%s stayed unusable", response.url)
            return None
        retry.meta[NOT_BEFORE] = time.monotonic() + backoff_seconds(
            retry.meta["retry_times"], self.settings.getfloat("ALLIANCE_RETRY_BACKOFF"),
            self.settings.getfloat("ALLIANCE_RETRY_MAX_WAIT"))
        return retry

    def document_failed(self, failure: Any) -> None:
        """Errback of a document request that failed for good (retries spent, or a 404): counted as
        `<spider>/documents_missing`; the ledger shows the document listed and not delivered."""
        self.crawler.stats.inc_value(f"{self.name}/documents_missing")
        self.logger.warning("no document at %s (%s)", failure.request.url, failure.getErrorMessage())
