"""Crawl records: outcome from the finish reason, listing counts per week, coverage per scope."""

from datetime import date

from warehouse.connection import connect
from warehouse.crawl_records import crawl_outcome, last_complete_start, record_crawl
from warehouse.schema import migrate
from warehouse.state import crawl_coverage


def stats(watermark, started, reason="finished", **arguments):
    return {"arguments": arguments, "started_at": started, "finished_at": started, "finish_reason": reason,
            "requests": 3, "items": 2, "retries": 0, "errors_by_kind": {"http_429": 1},
            "listed_by_week": {"2014-09-29": 2, "undated": 1}, "watermark_after": watermark}


def test_only_a_crawl_that_finished_and_delivered_all_it_listed_is_complete():
    assert crawl_outcome({"finish_reason": "finished"}) == "complete"
    assert crawl_outcome({"finish_reason": "finished", "items": 3, "listed_by_week": {"2014-09-29": 2, "undated": 1}}) == "complete"
    assert crawl_outcome({"finish_reason": "finished", "items": 2, "listed_by_week": {"2014-09-29": 3}}) == "incomplete"
    assert crawl_outcome({"finish_reason": "retry_after_too_long"}) == "incomplete"
    assert crawl_outcome({}) == "incomplete"


def test_coverage_comes_from_the_complete_crawls_of_the_same_scope(tmp_path):
    warehouse_file = tmp_path / "alliance.duckdb"
    with connect(warehouse_file) as conn:
        migrate(conn)
        record_crawl(conn, "a", "eu", stats("2014-10-01", "2026-11-01T06:00:00Z", since="2012-06-04",
                                            until="2014-10-05", queries="WePROTECT"), "complete")
        record_crawl(conn, "b", "eu", stats("2014-12-01", "2026-11-08T06:00:00Z", since="2014-12-01",
                                            until="2014-12-07"), "complete")
        record_crawl(conn, "b0", "eu", stats("2014-11-20", "2026-11-07T06:00:00Z", since="2014-11-17",
                                             until="2014-11-23"), "complete")
        cut_short = stats("2015-06-01", "2026-11-15T06:00:00Z", reason="retry_after_too_long",
                          since="2014-12-08", until="2015-06-07")
        record_crawl(conn, "c", "eu", cut_short, crawl_outcome(cut_short))
        never_complete = stats(None, "2026-11-15T06:00:00Z", reason="shutdown", since="2013-01-07", until="2013-01-13")
        record_crawl(conn, "d", "doj", never_complete, crawl_outcome(never_complete))
        record_crawl(conn, "e", "doj", stats(None, "2026-11-16T06:00:00Z", since="2012-06-04"), "failed")
        assert last_complete_start(conn, "eu") == "2026-11-08T06:00:00Z"
        assert last_complete_start(conn, "doj") is None
    coverage = crawl_coverage(warehouse_file, {"eu": {"queries": "", "types": ""}, "doj": {}})
    # the latest complete window's end; the cut-short crawl after it does not count
    assert coverage["eu"] == date(2014, 12, 7)
    # no complete crawl: covered up to the day before the earliest window asked for
    assert coverage["doj"] == date(2012, 6, 3)
    assert crawl_coverage(warehouse_file, {"eu": {"queries": "WePROTECT"}}) == {"eu": date(2014, 10, 5)}
    assert crawl_coverage(warehouse_file, {"eu": {"queries": "Global Alliance"}}) == {"eu": None}
    assert crawl_coverage(tmp_path / "missing.duckdb", {"eu": {}}) == {"eu": None}


def test_coverage_tells_scopes_apart_by_every_scope_argument_of_the_registry(tmp_path):
    warehouse_file = tmp_path / "alliance.duckdb"
    scope = {"organisations": "home-office", "types": "news_story"}
    with connect(warehouse_file) as conn:
        migrate(conn)
        record_crawl(conn, "g", "govuk", stats("2014-01-10", "2026-11-01T06:00:00Z", since="2014-01-06",
                                               until="2014-01-12", **scope), "complete")
    assert crawl_coverage(warehouse_file, {"govuk": scope}) == {"govuk": date(2014, 1, 12)}
    other = {**scope, "organisations": "ministry-of-justice"}
    assert crawl_coverage(warehouse_file, {"govuk": other}) == {"govuk": None}


def test_listing_counts_and_errors_are_recorded(conn):
    record_crawl(conn, "a", "doj", stats("2014-10-01", "2026-11-01T06:00:00Z"), "complete")
    weeks = conn.execute("SELECT week::VARCHAR, listed FROM crawl_listing_counts ORDER BY week NULLS LAST").fetchall()
    assert weeks == [("2014-09-29", 2), (None, 1)]
    assert conn.execute("SELECT errors_by_kind->>'http_429' FROM crawl_runs").fetchone()[0] == "1"
