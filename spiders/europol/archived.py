"""Rebuilding a Europol article's HTML from the raw archive, exactly as the spider built it.

Every archived Europol response the spider used is a `/cms/api/node` JSON answer: a listing
page (which holds no article HTML) or one article node.
"""

from __future__ import annotations

from typing import Any

from spiders.europol.parsing import document_html, node_id
from spiders.parsing.encoding import decode_body
from spiders.parsing.shape import ShapeError, as_mapping, load_json


def archived_payload(url: str, body: bytes, content_type: str | None) -> Any:
    """The JSON the spider read from this response (decoded as the spider decodes it); None when
    the body is not JSON."""
    try:
        return load_json(decode_body(body, content_type).text)
    except ShapeError:
        return None


def archived_html(payload: Any, source_id: str, fetch_url: str) -> str | None:
    """The article's HTML in `payload` when it is the node of article `source_id`; None for a
    listing page, another article, or a node the parsers cannot read."""
    try:
        node = as_mapping(payload, "(response)")
        if node_id(node) != source_id:
            return None
        return document_html(node)
    except ShapeError:
        return None
