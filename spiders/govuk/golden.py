"""GOV.UK golden cases: recorded responses in golden/ and what the parsers must make of them.

`golden/<case>.json` is a response body (written for this project in the real shapes, see
snapshot/README.md); `golden/<case>.expected.json` the parse expected of it. A case named
`search_*` is a Search API page (parse_search); `content_*` a Content API item (document_item,
fetched from the live Content API address of its base path at FETCHED_AT).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from spiders.govuk.parsing import CONTENT_PREFIX, LIVE_BASE_URL, document_item, parse_search

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
FETCHED_AT = datetime.fromisoformat("2026-12-01T08:00:00+00:00")
EXPECTED_SUFFIX = ".expected.json"


class GoldenCase(NamedTuple):
    name: str
    actual: Any
    expected: Any


def golden_cases(directory: Path = GOLDEN_DIR) -> list[GoldenCase]:
    cases = []
    for recorded in sorted(directory.glob("*.json")):
        if recorded.name.endswith(EXPECTED_SUFFIX):
            continue
        name = recorded.name.removesuffix(".json")
        expected_file = directory / f"{name}{EXPECTED_SUFFIX}"
        expected = (json.loads(expected_file.read_text(encoding="utf-8"))
                    if expected_file.exists() else None)
        cases.append(GoldenCase(name, parsed(name, _read(recorded)), expected))
    return cases


def parsed(name: str, payload: Any) -> Any:
    """The case's parse as plain JSON data (what the .expected.json file holds)."""
    if name.startswith("search_"):
        result: Any = parse_search(payload)
    elif name.startswith("content_"):
        fetch_url = f"{LIVE_BASE_URL}{CONTENT_PREFIX}{payload['base_path']}"
        result = document_item(payload, fetch_url=fetch_url, fetched_at=FETCHED_AT)
    else:
        raise ValueError(f"golden case {name!r}: the name must start with search_ or content_")
    return json.loads(json.dumps(dataclasses.asdict(result), ensure_ascii=False))


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_expected(directory: Path = GOLDEN_DIR) -> None:
    """Record each case's current parse as its expectation (run by hand, then read the diff)."""
    for case in golden_cases(directory):
        text = json.dumps(case.actual, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (directory / f"{case.name}{EXPECTED_SUFFIX}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_expected()
