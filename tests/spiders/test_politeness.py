"""Under the default settings the replica never sees more than 4 requests a second."""

from __future__ import annotations

from replica import ReplicaServer

RATE = 4  # requests a second per host (sources.md)
SLACK = 0.02  # seconds: the server clock reads arrivals, not the crawler's send times


def test_default_settings_keep_to_four_requests_a_second(tmp_path, run_crawl):
    with ReplicaServer() as replica:
        year = [d for d in replica.catalogue["eu"].documents if d.day.year == 2012]
        run_crawl("eu", tmp_path / "eu.jsonl", "-a", "since=2012-01-01", "-a", "until=2012-12-31",
                  "-s", f"PRESSCORNER_BASE_URL={replica.source_url('eu')}")
        arrivals = [request.received_at for request in replica.requests]
    assert len(arrivals) == len(year) + 2 >= 2 * RATE  # robots.txt, one search, the documents
    # Any RATE + 1 consecutive requests span at least a second.
    spans = [later - first for first, later in zip(arrivals, arrivals[RATE:])]
    assert min(spans) >= 1 - SLACK, spans
