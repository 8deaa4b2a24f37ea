"""The doj spider against justice.gov, so a change of the real shapes is caught the day it
happens. Skipped unless ALLIANCE_LIVE=1; polite defaults, a few requests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.live


def test_first_doj_listing_page_parses(tmp_path, run_recorded_crawl):
    _, items, record = run_recorded_crawl("doj", tmp_path, "-a", "max_pages=1",
                                          "-s", "CLOSESPIDER_ITEMCOUNT=20")
    assert items, record
    assert not {"bad_json", "bad_record"} & set(record["errors_by_kind"]), record
    for item in items:
        assert item["source"] == "doj" and item["url"].startswith(("https://www.justice.gov/",
                                                                    "https://justice.gov/"))
        assert item["published"] and item["html"].strip() and item["url"] in item["aliases"]
    assert record["watermark_after"] >= max(item["published"] for item in items)
