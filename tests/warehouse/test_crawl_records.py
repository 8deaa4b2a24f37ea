"""Crawl records: outcome from the finish reason, listing counts per week, watermarks per scope."""


from warehouse.crawl_records import crawl_outcome, last_complete_start, last_watermark, record_crawl


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


def test_watermark_comes_from_the_last_complete_crawl_of_the_same_scope(conn):
    record_crawl(conn, "a", "eu", stats("2014-10-01", "2026-11-01T06:00:00Z", queries="WePROTECT"), "complete")
    record_crawl(conn, "b", "eu", stats("2014-12-01", "2026-11-08T06:00:00Z"), "complete")
    cut_short = stats("2015-06-01", "2026-11-15T06:00:00Z", reason="retry_after_too_long")
    record_crawl(conn, "c", "eu", cut_short, crawl_outcome(cut_short))
    assert last_watermark(conn, "eu") == "2014-12-01"
    assert last_watermark(conn, "eu", queries="WePROTECT") == "2014-10-01"
    assert last_watermark(conn, "eu", queries="Global Alliance") is None
    assert last_watermark(conn, "doj") is None
    assert last_complete_start(conn, "eu") == "2026-11-08T06:00:00Z"


def test_listing_counts_and_errors_are_recorded(conn):
    record_crawl(conn, "a", "doj", stats("2014-10-01", "2026-11-01T06:00:00Z"), "complete")
    weeks = conn.execute("SELECT week::VARCHAR, listed FROM crawl_listing_counts ORDER BY week NULLS LAST").fetchall()
    assert weeks == [("2014-09-29", 2), (None, 1)]
    assert conn.execute("SELECT errors_by_kind->>'http_429' FROM crawl_runs").fetchone()[0] == "1"
