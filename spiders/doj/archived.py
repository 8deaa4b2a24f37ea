"""A DOJ document's HTML rebuilt from an archived response (pipelines/archive_source.py).

Two kinds of response hold a release: a listing page of the News API (its `body` field, when the
API has one) and the release's own justice.gov page (when it has none; the page's text is the HTML).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from spiders.doj.parsing import LISTING_PATH, parse_listing, release_body
from spiders.parsing.encoding import decode_body
from spiders.parsing.shape import ShapeError, load_json


def archived_payload(url: str, body: bytes, content_type: str | None) -> Any:
    """What the spider parsed from the response: the page's text for a release page, the JSON of
    a listing page; None when a listing page is not JSON."""
    if not is_listing(url):
        return decode_body(body, content_type, html=True).text
    try:
        return load_json(decode_body(body, content_type).text)
    except ShapeError:
        return None


def archived_html(payload: Any, source_id: str, fetch_url: str) -> str | None:
    """The release's HTML: a page's text, or the API body of the listing's record `source_id`."""
    if isinstance(payload, str):
        return payload
    try:
        for record in parse_listing(payload).results:
            if str(record.get("uuid", "")).strip() == source_id:
                return release_body(record) or None
    except (ShapeError, ValueError):
        return None
    return None


def is_listing(url: str) -> bool:
    return urlsplit(url).path.endswith(LISTING_PATH)
