"""Incremental crawls, the rule every source shares: a crawl given the watermark of the last
successful one (the newest publication date it listed) searches from a week before it, for
documents dated late; sources with a changed-since listing add their own rules in their folder."""

from __future__ import annotations

from datetime import date, timedelta

SEARCH_OVERLAP = timedelta(days=7)


def search_start(since: date, watermark: date | None) -> date:
    """Where a search starts: `since`, or a week before the watermark if later."""
    if watermark is None:
        return since
    return max(since, watermark - SEARCH_OVERLAP)
