"""What an incremental crawl reads and skips, given the last crawl's watermark."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from spiders.doj.incremental import (
    BEFORE_WATERMARK,
    BY_CHANGED,
    BY_DATE,
    DELIVER,
    NOT_REVISED,
    OUTSIDE_WINDOW,
    REVISED,
    DojBounds,
    last_page_needed,
    release_verdict,
)
from spiders.doj.parsing import ListingPage
from spiders.parsing.incremental import search_start

EASTERN = ZoneInfo("America/New_York")
LAST_CRAWL = datetime(2014, 10, 1, 8, 0, tzinfo=UTC)


def epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, tzinfo=EASTERN).timestamp()))


def release(published: date, changed: datetime | str | None = None) -> dict:
    if isinstance(changed, datetime):
        changed = f'<time datetime="{changed.isoformat()}">{int(changed.timestamp())}</time>\n'
    return {"uuid": f"u-{published}", "date": epoch(published), "changed": changed}


def page(*records: dict) -> ListingPage:
    return ListingPage(results=list(records), count=500, pagesize=50, page=0)


WEEKLY = DojBounds(watermark=date(2014, 9, 30), changed_since=LAST_CRAWL)


@pytest.mark.parametrize(("record", "listing", "verdict"), [
    (release(date(2014, 10, 3)), BY_DATE, DELIVER),
    (release(date(2014, 9, 30)), BY_DATE, DELIVER),  # the watermark's own day is read again
    (release(date(2014, 9, 29)), BY_DATE, BEFORE_WATERMARK),
    ({"uuid": "u", "date": "unreadable"}, BY_DATE, DELIVER),
    (release(date(2013, 6, 17), datetime(2014, 10, 2, tzinfo=UTC)), BY_CHANGED, REVISED),
    (release(date(2014, 10, 2), datetime(2014, 10, 2, tzinfo=UTC)), BY_CHANGED, DELIVER),
    (release(date(2013, 6, 17), datetime(2014, 9, 1, tzinfo=UTC)), BY_CHANGED, NOT_REVISED),
    (release(date(2013, 6, 17), "not a time"), BY_CHANGED, NOT_REVISED),
])
def test_release_verdict(record, listing, verdict):
    assert release_verdict(record, listing, WEEKLY) == verdict


def test_a_backfill_window_still_bounds_what_is_read():
    bounds = DojBounds(since=date(2012, 6, 1), until=date(2016, 12, 31))
    assert release_verdict(release(date(2017, 1, 5)), BY_DATE, bounds) == OUTSIDE_WINDOW
    assert release_verdict(release(date(2012, 5, 31)), BY_DATE, bounds) == OUTSIDE_WINDOW
    assert release_verdict(release(date(2014, 9, 30)), BY_DATE, bounds) == DELIVER


def test_a_revision_is_read_whatever_week_its_release_was_published_in():
    one_week = DojBounds(since=date(2014, 10, 6), until=date(2014, 10, 12), changed_since=LAST_CRAWL)
    revised_old = release(date(2013, 6, 17), datetime(2014, 10, 7, tzinfo=UTC))
    assert release_verdict(revised_old, BY_CHANGED, one_week) == DELIVER
    assert release_verdict(revised_old, BY_DATE, one_week) == OUTSIDE_WINDOW
    unrevised_old = release(date(2013, 6, 17), datetime(2014, 9, 1, tzinfo=UTC))
    assert release_verdict(unrevised_old, BY_CHANGED, one_week) == NOT_REVISED


def test_reading_by_date_stops_at_the_first_page_reaching_below_the_watermark():
    newer = [release(date(2014, 10, day)) for day in (9, 8, 7)]
    assert not last_page_needed(page(*newer), BY_DATE, WEEKLY)
    assert not last_page_needed(page(*newer, release(date(2014, 9, 30))), BY_DATE, WEEKLY)
    assert last_page_needed(page(*newer, release(date(2014, 9, 29))), BY_DATE, WEEKLY)
    assert not last_page_needed(page(release(date(2001, 1, 1))), BY_DATE, DojBounds())
    # `since` bounds a backfill the same way; the later of the two wins.
    assert last_page_needed(page(release(date(2014, 9, 29))), BY_DATE,
                            DojBounds(since=date(2014, 9, 1), watermark=date(2014, 9, 30)))


def test_reading_by_changed_stops_below_the_last_crawl():
    recent = release(date(2013, 1, 1), datetime(2014, 10, 5, tzinfo=UTC))
    older = release(date(2013, 1, 2), datetime(2014, 9, 5, tzinfo=UTC))
    assert not last_page_needed(page(recent), BY_CHANGED, WEEKLY)
    assert last_page_needed(page(recent, older), BY_CHANGED, WEEKLY)
    assert last_page_needed(page(recent), BY_CHANGED, DojBounds())  # nothing to look for


def test_search_starts_a_week_before_the_watermark():
    assert search_start(date(2012, 6, 1), None) == date(2012, 6, 1)
    assert search_start(date(2012, 6, 1), date(2015, 11, 17)) == date(2015, 11, 10)
    assert search_start(date(2015, 11, 15), date(2015, 11, 17)) == date(2015, 11, 15)
