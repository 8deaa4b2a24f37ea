"""A Commission document's HTML rebuilt from an archived /api/documents response
(pipelines/archive_source.py): the spider's own parser applied to the archived JSON again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from spiders.eu.parsing import document_item
from spiders.parsing.encoding import decode_body
from spiders.parsing.shape import ShapeError, load_json


def archived_payload(url: str, body: bytes, content_type: str | None) -> Any:
    """The JSON payload of the response; None when it is not JSON."""
    try:
        return load_json(decode_body(body, content_type).text)
    except ShapeError:
        return None


def archived_html(payload: Any, source_id: str, fetch_url: str) -> str | None:
    """The document's htmlContent, when the payload is the document `source_id` (TYPE/YY/NNNN)."""
    try:
        # fetched_at only stamps the item; the HTML does not depend on it.
        item = document_item(payload, requested_reference=source_id, fetch_url=fetch_url,
                             fetched_at=datetime.now(UTC))
    except (ShapeError, ValueError):
        return None
    return item.html if item.source_id == source_id else None
