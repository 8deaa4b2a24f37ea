"""Rebuilding a GOV.UK item's HTML from archived response bodies."""

from __future__ import annotations

import json

from spiders.govuk.archived import archived_html, archived_payload
from spiders.govuk.golden import GOLDEN_DIR

ITEM = (GOLDEN_DIR / "content_press_release.json").read_bytes()
CONTENT_ID = json.loads(ITEM)["content_id"]
URL = "https://www.gov.uk/api/content/government/news/weprotect-children-online-summit-opens-in-london"


def test_the_html_is_the_body_the_spider_delivered():
    payload = archived_payload(URL, ITEM, "application/json; charset=utf-8")
    assert archived_html(payload, CONTENT_ID, URL) == json.loads(ITEM)["details"]["body"]


def test_a_body_in_an_undeclared_encoding_is_still_read():
    text = json.loads(ITEM)
    text["details"]["body"] = "<p>Caf\u00e9 culture</p>"
    body = json.dumps(text, ensure_ascii=False).encode("cp1252")
    payload = archived_payload(URL, body, "application/json")
    assert archived_html(payload, CONTENT_ID, URL) == "<p>Caf\u00e9 culture</p>"


def test_other_responses_hold_no_html_of_the_item():
    assert archived_payload(URL, b"<html>Service unavailable</html>", "text/html") is None
    search = archived_payload("https://www.gov.uk/api/search.json",
                              (GOLDEN_DIR / "search_page.json").read_bytes(), None)
    assert search is not None and archived_html(search, CONTENT_ID, URL) is None
    payload = archived_payload(URL, ITEM, None)
    assert archived_html(payload, "11111111-2222-3333-4444-555555555555", URL) is None
    assert archived_html(None, CONTENT_ID, URL) is None
