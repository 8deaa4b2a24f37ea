"""Europol's golden cases: recorded newsroom pages (newsroom_*.json) and article nodes (the other
golden/*.json), with what the parsers make of them (golden/<case>.expected.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spiders.europol.archived import archived_payload
from spiders.europol.parsing import LIVE_BASE_URL, document_item, node_url, parse_newsroom
from spiders.golden import GOLDEN_FETCHED_AT, GoldenCase, plain, read_expected

GOLDEN_DIR = Path(__file__).resolve().with_name("golden")


def recorded_files() -> list[Path]:
    return sorted(path for path in GOLDEN_DIR.glob("*.json")
                  if not path.name.endswith(".expected.json"))


def parsed(path: Path) -> Any:
    """What the parsers make of one recorded response. The body is read as the raw archive is
    (archived_payload), so a file in a legacy codec is read as the spider reads it."""
    payload = archived_payload(path.name, path.read_bytes(), "application/json")
    if path.name.startswith("newsroom_"):
        return plain(parse_newsroom(payload))["entries"]
    return plain(document_item(payload, fetch_url=node_url(LIVE_BASE_URL, payload["alias"]),
                               fetched_at=GOLDEN_FETCHED_AT))


def golden_cases() -> list[GoldenCase]:
    return [GoldenCase(path.name, parsed(path), read_expected(GOLDEN_DIR, path))
            for path in recorded_files()]
