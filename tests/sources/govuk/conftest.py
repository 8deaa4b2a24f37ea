"""The GOV.UK tests' marker; their helpers are in govuk_crawling.py."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "live: reaches the real sites (run with ALLIANCE_LIVE=1)")
