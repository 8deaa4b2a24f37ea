"""Retries: Retry-After read in both forms, backoff that grows and stops, a bounded number of
tries, and a crawl that ends politely when a server asks for a longer pause than allowed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)

from replica import ReplicaServer
from replica.faults import RateLimited, ServerError, nth_listing_page
from spiders.middlewares import backoff_seconds, failure_kind, retry_after_seconds

NOW = datetime(2025, 3, 4, 10, 0, 0, tzinfo=UTC)


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds(b" 7 ", NOW) == 7
    assert retry_after_seconds(format_datetime(NOW + timedelta(seconds=90), usegmt=True),
                               NOW) == 90
    assert retry_after_seconds("Tue, 04 Mar 2025 09:00:00 GMT", NOW) == 0  # already past
    assert retry_after_seconds("-5", NOW) == 0


@pytest.mark.parametrize("value", [None, "", "soon", "Tue, 99 Foo 2025"])
def test_unreadable_retry_after_is_none(value):
    assert retry_after_seconds(value, NOW) is None


def test_backoff_doubles_up_to_the_cap():
    assert [backoff_seconds(tries, 2.0, 10.0) for tries in (1, 2, 3, 4, 5)] == [2, 4, 8, 10, 10]


def test_failure_kinds():
    assert failure_kind(DownloadTimeoutError("took too long")) == "timeout"
    assert failure_kind(ResponseDataLossError()) == "truncated"
    assert failure_kind(DownloadCancelledError("over DOWNLOAD_MAXSIZE")) == "too_large"
    assert failure_kind(DownloadConnectionRefusedError()) == "connection"
    assert failure_kind(IgnoreRequest("robots.txt")) is None


def test_a_request_failing_every_time_is_given_up_after_bounded_tries(tmp_path,
                                                                      run_recorded_crawl, fast):
    fault = ServerError(where=nth_listing_page(0), times=None)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = run_recorded_crawl(
            "doj", tmp_path, *fast, "-s", "RETRY_TIMES=2", "-s", "ALLIANCE_RETRY_BACKOFF=0.2",
            "-s", f"DOJ_BASE_URL={replica.source_url('doj')}")
    assert items == []
    assert len(fault.hits) == 3  # the first try and two retries
    assert record["finish_reason"] == "finished"
    assert record["errors_by_kind"] == {"http_500": 3, "gave_up": 1}
    assert record["retries"] == 2
    first, second, third = (hit.received_at for hit in fault.hits)
    assert second - first >= 0.2 and third - second >= 0.4  # backoff doubles


def test_a_longer_retry_after_than_allowed_ends_the_crawl(tmp_path, run_recorded_crawl, fast):
    fault = RateLimited(retry_after=3600)
    with ReplicaServer(faults=fault) as replica:
        _, items, record = run_recorded_crawl(
            "doj", tmp_path, *fast, "-s", "ALLIANCE_RETRY_MAX_WAIT=60",
            "-s", f"DOJ_BASE_URL={replica.source_url('doj')}")
        listings = [r for r in replica.requests if r.path == "/api/v1/press_releases.json"]
    assert items == [] and len(listings) == 1  # asked once, never again within the hour
    assert record["finish_reason"] == "retry_after_too_long"
    assert record["errors_by_kind"] == {"http_429": 1, "gave_up": 1}


def test_retry_after_pauses_the_whole_host(tmp_path, run_recorded_crawl, fast):
    fault = RateLimited(retry_after=1)  # the first search of several sent at once
    with ReplicaServer(faults=fault) as replica:
        _, items, record = run_recorded_crawl(
            "eu", tmp_path, *fast, "-s", "DOWNLOAD_DELAY=0.05",  # other requests keep coming
            "-a", "since=2012-01-01", "-a", "until=2013-12-31",
            "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")
        arrivals = [request.received_at for request in replica.requests]
        listed = [d for d in replica.catalogue["eu"].documents if d.day.year in (2012, 2013)]
    assert len(items) == len(listed) and record["errors_by_kind"] == {"http_429": 1}
    refused = fault.hits[0].received_at
    # Requests already on their way may land just after the 429; then nothing for a second.
    assert not [t for t in arrivals if refused + 0.2 < t < refused + 0.95]
    assert [t for t in arrivals if t >= refused + 1.0]
