"""Incremental DOJ crawls: what a crawl may skip, given the watermark of the last successful one.

The watermark is the newest publication date the last successful crawl listed. A weekly run reads
the listing newest first and stops at the first page that reaches below it; releases revised since
the last crawl (`changed_since`) come from a second listing sorted by `changed`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from spiders.doj.parsing import ListingPage, changed_moment, in_window, published_date

BY_DATE = "date"  # DOJ listing sorted by publication date
BY_CHANGED = "changed"  # DOJ listing sorted by last revision

DELIVER = "deliver"
REVISED = "revised"  # older than the watermark but changed since the last crawl
OUTSIDE_WINDOW = "outside_window"
BEFORE_WATERMARK = "before_watermark"
NOT_REVISED = "not_revised"


@dataclass(frozen=True)
class DojBounds:
    since: date | None = None
    until: date | None = None
    watermark: date | None = None
    changed_since: datetime | None = None

    @property
    def lowest_date(self) -> date | None:
        """Releases published before this day need not be read by date."""
        bounds = [day for day in (self.since, self.watermark) if day is not None]
        return max(bounds) if bounds else None


def release_verdict(record: Mapping[str, Any], listing: str, bounds: DojBounds) -> str:
    """What to do with one listed release: DELIVER, REVISED, or a reason to skip it.

    The date window bounds the listing by date only: a release revised since the last crawl is
    wanted whatever week it was published in, or a revision of an old release would never be read."""
    day = published_date(record.get("date"))
    older = bool(bounds.watermark and day and day < bounds.watermark.isoformat())
    if listing == BY_DATE:
        if not in_window(record, bounds.since, bounds.until):
            return OUTSIDE_WINDOW
        return BEFORE_WATERMARK if older else DELIVER
    moment = changed_moment(record)
    if bounds.changed_since is None or moment is None or moment < bounds.changed_since:
        return NOT_REVISED
    return REVISED if older else DELIVER


def last_page_needed(listing_page: ListingPage, listing: str, bounds: DojBounds) -> bool:
    """Whether pages after this one can hold nothing the crawl wants: sorted newest first, once
    a page reaches below the bound, every later page lies wholly below it."""
    if listing == BY_DATE:
        lowest = bounds.lowest_date
        if lowest is None:
            return False
        days = (published_date(record.get("date")) for record in listing_page.results)
        return any(day is not None and day < lowest.isoformat() for day in days)
    if bounds.changed_since is None:
        return True
    moments = (changed_moment(record) for record in listing_page.results)
    return any(moment is not None and moment < bounds.changed_since for moment in moments)
