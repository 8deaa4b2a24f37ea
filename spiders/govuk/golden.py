"""GOV.UK's golden cases: recorded responses in golden/ and what the parsers must make of them.

`golden/<case>.json` is a response body (written for this project in the real shapes, see
snapshot/README.md); `golden/<case>.expected.json` the parse expected of it. A case named
`search_*` is a Search API page (parse_search); `content_*` a Content API item (document_item,
fetched from the live Content API address of its base path). `python -m spiders.golden govuk`
rewrites the expectations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spiders.golden import GOLDEN_FETCHED_AT, GoldenCase, plain, read_expected
from spiders.govuk.parsing import CONTENT_PREFIX, document_item, parse_search
from spiders.registry import source

GOLDEN_DIR = Path(__file__).resolve().with_name("golden")


def recorded_files(directory: Path = GOLDEN_DIR) -> list[Path]:
    return sorted(path for path in directory.glob("*.json")
                  if not path.name.endswith(".expected.json"))


def golden_cases() -> list[GoldenCase]:
    return [GoldenCase(path.name, parsed(path.name, json.loads(path.read_text(encoding="utf-8"))),
                       read_expected(GOLDEN_DIR, path))
            for path in recorded_files()]


def parsed(name: str, payload: Any) -> Any:
    """The parse of recorded file `name` as plain JSON data (what its .expected.json holds)."""
    if name.startswith("search_"):
        return plain(parse_search(payload))
    if name.startswith("content_"):
        fetch_url = f"{source('govuk').live_base_url}{CONTENT_PREFIX}{payload['base_path']}"
        return plain(document_item(payload, fetch_url=fetch_url, fetched_at=GOLDEN_FETCHED_AT))
    raise ValueError(f"golden case {name!r}: the name must start with search_ or content_")
