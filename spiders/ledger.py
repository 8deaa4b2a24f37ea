"""What a crawl met, kept as plain data: documents the listings announced, pages seen, errors.

The spiders fill a ListingLedger as they read listings; the stats extension turns it and the
crawl's stats into one crawl record (`crawl_record`), which the warehouse stores per crawl.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from spiders.parsing.text import iso_utc

# Kinds counted (stats "alliance/errors/<kind>"): http_<status> for every error status
# received; timeout, truncated, too_large, connection (download failures); bad_json,
# bad_record (unusable bodies and records); encoding_guessed (a body in an undeclared
# encoding); duplicate, loop (listing anomalies); revised (an old document changed since
# the last crawl); gave_up (a request abandoned after its last try).
ERRORS_PREFIX = "alliance/errors/"
UNDATED = "undated"


def count_error(stats: Any, kind: str, count: int = 1) -> None:
    """Count one event of `kind` in a Scrapy stats collector."""
    stats.inc_value(f"{ERRORS_PREFIX}{kind}", count)


def errors_by_kind(stats: Mapping[str, Any]) -> dict[str, int]:
    return {key[len(ERRORS_PREFIX):]: int(value) for key, value in sorted(stats.items())
            if key.startswith(ERRORS_PREFIX)}


def publication_week(day: str | None) -> str:
    """The Monday of the week of an ISO date ("YYYY-MM-DD"), or "undated"."""
    if not day:
        return UNDATED
    try:
        parsed = date.fromisoformat(day[:10])
    except ValueError:
        return UNDATED
    return (parsed - timedelta(days=parsed.weekday())).isoformat()


class ListingLedger:
    """Documents the listings announced (each once), and the pages each listing served."""

    def __init__(self) -> None:
        self._first_listing: dict[str, str] = {}
        self._days: dict[str, str | None] = {}
        self._pages: dict[str, set[tuple[str, ...]]] = {}

    def announce(self, key: str, day: str | None, listing: str) -> str | None:
        """Record a listed document; returns None the first time, else the listing that first
        announced it (so a caller can tell a repeat within one listing from an overlap)."""
        first = self._first_listing.get(key)
        if first is None:
            self._first_listing[key] = listing
            self._days[key] = day
        return first

    def page_seen_before(self, listing: str, keys: Iterable[str]) -> bool:
        """Record a page of `listing`; True when the listing already served these same
        documents in the same order (a pagination loop). Empty pages never repeat."""
        page = tuple(keys)
        if not page:
            return False
        pages = self._pages.setdefault(listing, set())
        if page in pages:
            return True
        pages.add(page)
        return False

    def listed_by_week(self) -> dict[str, int]:
        weeks = Counter(publication_week(day) for day in self._days.values())
        return dict(sorted(weeks.items()))

    @property
    def newest_day(self) -> str | None:
        days = [day for day in self._days.values() if day]
        return max(days) if days else None


def watermark_after(before: str | None, newest_listed: str | None) -> str | None:
    """The newer of the previous watermark and the newest date this crawl listed."""
    known = [day for day in (before, newest_listed) if day]
    return max(known) if known else None


def crawl_record(*, spider: str, arguments: Mapping[str, str], started_at: datetime,
                 finished_at: datetime, finish_reason: str, stats: Mapping[str, Any],
                 ledger: ListingLedger | None, watermark_before: str | None) -> dict[str, Any]:
    """The JSON record of one crawl (see spiders/extensions.py)."""
    newest = ledger.newest_day if ledger is not None else None
    return {
        "spider": spider,
        "arguments": dict(arguments),
        "started_at": iso_utc(started_at),
        "finished_at": iso_utc(finished_at),
        "finish_reason": finish_reason,
        "requests": int(stats.get("downloader/request_count", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "retries": int(stats.get("retry/count", 0)),
        "errors_by_kind": errors_by_kind(stats),
        "listed_by_week": ledger.listed_by_week() if ledger is not None else {},
        "watermark_before": watermark_before,
        "watermark_after": watermark_after(watermark_before, newest),
    }
