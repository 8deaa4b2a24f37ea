"""The eu spider against the Press Corner, so a change of the real shapes is caught the day it
happens. Skipped unless ALLIANCE_LIVE=1; polite defaults, a few requests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.live


def test_recent_commission_search_and_documents_parse(tmp_path, run_recorded_crawl):
    since = (date.today() - timedelta(days=30)).isoformat()
    _, items, record = run_recorded_crawl("eu", tmp_path, "-a", f"since={since}",
                                          "-s", "CLOSESPIDER_ITEMCOUNT=3")
    assert items, record
    assert not {"bad_json", "bad_record"} & set(record["errors_by_kind"]), record
    for item in items:
        assert item["source"] == "eu" and item["source_id"].count("/") == 2
        assert item["title"] and item["published"] >= since and item["language"] == "en"
