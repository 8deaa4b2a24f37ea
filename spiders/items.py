"""The one item every spider yields: one document as the rest of the pipeline expects it.

A plain dataclass, so the parsers build it without Scrapy and the feed exporters write it as is.
The field names are a contract with warehouse/store.py; do not rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DocumentItem:
    source: str  # the registry name of the source (spiders/registry.toml)
    source_id: str  # DOJ uuid; Commission reference TYPE/YY/NNNN
    url: str  # the public URL of the document (never the replica's)
    title: str
    published: str | None  # ISO date, or None when the source gives none we can read
    language: str  # lowercase language code of `html`
    html: str  # the document's HTML (API body, or the whole page when the API has none)
    fetched_at: str  # ISO 8601 UTC time the html was received
    fetch_url: str  # the URL actually requested for the html
    api: dict[str, Any] = field(default_factory=dict)  # raw API metadata, without the body
    languages: list[str] = field(default_factory=list)  # language versions that exist
    # Every other name of the document, sorted: URLs it was seen at and its number (DOJ
    # "12-1445"; the Commission reference with its Press Corner and old RAPID addresses).
    aliases: list[str] = field(default_factory=list)
    # The source's subtitle or standfirst, when it gives one (Press Corner: a speech's speaker and
    # occasion, "Cecilia Malmström ... – Launch of the Global Alliance ..."); None otherwise.
    subtitle: str | None = None
