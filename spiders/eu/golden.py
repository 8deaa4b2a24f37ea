"""The Commission's golden cases: recorded Press Corner search pages and documents, with what the
parsers make of them (golden/<case>.expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

from spiders.eu.parsing import document_item, document_url, parse_search
from spiders.golden import GOLDEN_FETCHED_AT, GoldenCase, plain, read_expected
from spiders.registry import source

GOLDEN_DIR = Path(__file__).resolve().with_name("golden")


def search_case(path: Path) -> GoldenCase:
    """A search page: its total, page and entries."""
    page = parse_search(json.loads(path.read_text(encoding="utf-8")))
    return GoldenCase(path.name, plain(page), read_expected(GOLDEN_DIR, path))


def document_case(path: Path) -> GoldenCase:
    """A document: the item, asked for by the reference its file name spells (ip_13_77)."""
    reference = path.name.split(".")[0].replace("_", "/").upper()
    item = document_item(json.loads(path.read_text(encoding="utf-8")),
                         requested_reference=reference,
                         fetch_url=document_url(source("eu").live_base_url, reference),
                         fetched_at=GOLDEN_FETCHED_AT)
    return GoldenCase(path.name, plain(item), read_expected(GOLDEN_DIR, path))


def golden_cases() -> list[GoldenCase]:
    return ([search_case(path) for path in sorted(GOLDEN_DIR.glob("*.search.json"))]
            + [document_case(path) for path in sorted(GOLDEN_DIR.glob("*.document.json"))])
