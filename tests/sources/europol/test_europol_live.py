"""The Europol spider against the real site, so a change of the real shapes is caught the day
it happens. Skipped unless ALLIANCE_LIVE=1; polite defaults, one listing page, a few articles.
This is also the first check of the parts spiders/europol/README.md lists as unconfirmed (the
listing's `search=page=<n>` paging, the node's `id`)."""

from __future__ import annotations

import os

import pytest

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(os.environ.get("ALLIANCE_LIVE") != "1",
                       reason="crawls the real site; set ALLIANCE_LIVE=1 to run"),
]


def test_first_newsroom_page_and_its_articles_parse(tmp_path, run_europol):
    items, record = run_europol(tmp_path, None, "-a", "max_pages=1",
                                "-s", "CLOSESPIDER_ITEMCOUNT=3")
    assert items, record
    assert not {"bad_json", "bad_record"} & set(record["errors_by_kind"]), record
    for item in items:
        assert item["source"] == "europol" and item["source_id"].isdigit()
        assert item["url"].startswith("https://www.europol.europa.eu/")
        assert item["fetch_url"].startswith("https://www.europol.europa.eu/cms/api/node?")
        assert item["title"] and item["published"] and item["html"].strip()
        assert item["url"] in item["aliases"]
    assert record["watermark_after"] >= max(item["published"] for item in items)


def test_the_second_newsroom_page_lists_older_articles(tmp_path, run_europol):
    # Two whole pages (a few dozen requests at the polite pace): if `search=page=2` were
    # ignored, page 2 would repeat page 1 and the ledger would hold one page of articles.
    one_page, _ = run_europol(tmp_path / "one", None, "-a", "max_pages=1")
    two_pages, record = run_europol(tmp_path / "two", None, "-a", "max_pages=2")
    assert len(two_pages) > len(one_page) > 0, record
    assert min(i["published"] for i in two_pages) <= min(i["published"] for i in one_page)
