"""The GOV.UK tests' crawl: a real `scrapy crawl govuk` against a running shared replica, with the
suite's crawl helpers (tests/conftest.py)."""

import pytest


@pytest.fixture
def crawl_govuk(run_recorded_crawl, fast, tmp_path):
    """crawl_govuk(replica, *options) -> (process result, items, crawl record)."""
    def crawl(replica, *options: str):
        return run_recorded_crawl("govuk", tmp_path, *fast,
                                  "-s", f"GOVUK_BASE_URL={replica.source_url('govuk')}", *options)
    return crawl
