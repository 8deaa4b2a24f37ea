"""The DOJ's default scope is everything: the registry test's crawl of its replica finds every
release the replica serves, each once."""

from __future__ import annotations

import json

from pipelines.crawling import CrawlRequest, run_crawls
from replica.server import ReplicaServer


def test_a_crawl_of_the_whole_span_delivers_every_release(tmp_path):
    with ReplicaServer() as replica:
        days = replica.catalogue["doj"].days()
        results = run_crawls([CrawlRequest("doj", {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                                                   **replica.base_urls},
                                           {"since": min(days).isoformat(), "until": max(days).isoformat()})],
                             tmp_path)
        [output] = results.finished
        uuids = set(replica.catalogue["doj"].by_uuid)
    items = [json.loads(line) for line in output.items_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["source_id"] for item in items) == sorted(uuids)
