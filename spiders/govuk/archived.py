"""Rebuilding a GOV.UK document's HTML from the raw archive, as the spider built it.

The spider reads every response as JSON; a Content API item's HTML is its `details.body`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from spiders.govuk.parsing import document_item
from spiders.parsing.encoding import decode_body
from spiders.parsing.shape import ShapeError, load_json


def archived_payload(url: str, body: bytes, content_type: str | None) -> Any:
    """The JSON payload the spider parsed from a response (search page or content item); None
    when the body is not JSON."""
    try:
        return load_json(decode_body(body, content_type).text)
    except ShapeError:
        return None


def archived_html(payload: Any, source_id: str, fetch_url: str) -> str | None:
    """The HTML of item `source_id` (its content_id) in a payload; None when the payload is not
    that item's Content API answer (a search page, another item, a shape the parser refuses)."""
    try:
        item = document_item(payload, fetch_url=fetch_url, fetched_at=datetime.now(UTC))
    except ShapeError:
        return None
    return item.html if item.source_id == source_id else None
