"""GOV.UK's real Search and Content APIs, so a change of their shapes is caught the day it
happens. Skipped unless ALLIANCE_LIVE=1; two requests."""

from __future__ import annotations

import json
import os
import urllib.request
from datetime import UTC, date, datetime, timedelta

import pytest

from spiders.addons import user_agent
from spiders.govuk.parsing import (
    DOCUMENT_TYPES,
    LIVE_BASE_URL,
    ORGANISATIONS,
    content_url,
    document_item,
    parse_search,
    search_url,
)
from spiders.settings import ALLIANCE_CONTACT

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(os.environ.get("ALLIANCE_LIVE") != "1",
                       reason="reaches www.gov.uk; set ALLIANCE_LIVE=1 to run"),
]


def fetch_json(url: str):
    contact = os.environ.get("ALLIANCE_CONTACT") or ALLIANCE_CONTACT
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(contact),
                                                   "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def test_a_real_search_page_and_content_item_parse():
    today = date.today()
    window = (today - timedelta(days=60), today)
    page = parse_search(fetch_json(
        search_url(LIVE_BASE_URL, window, 0, 5, ORGANISATIONS, DOCUMENT_TYPES)))
    assert page.total >= len(page.entries) > 0
    assert all(entry.document_type in DOCUMENT_TYPES for entry in page.entries)
    days = [entry.day for entry in page.entries]
    assert days == sorted(days, reverse=True)

    entry = page.entries[0]
    url = content_url(LIVE_BASE_URL, entry.link)
    item = document_item(fetch_json(url), fetch_url=url, fetched_at=datetime.now(UTC),
                         listed=entry)
    assert item.source_id == entry.content_id and item.url == f"{LIVE_BASE_URL}{entry.link}"
    assert item.title and item.html.strip() and item.published and item.language == "en"
    assert item.url in item.aliases and item.api["links"]["organisations"]
