"""Golden files: recorded responses of a source and the items its parsers must make of them
(spiders/<name>/golden/ and golden.py). The registry test asserts actual == expected for every
case of every source; `python -m spiders.golden NAME` rewrites a source's expectations from its
parsers, to be reviewed in the diff like any other change."""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Golden items are stamped with one fixed moment, so an expectation never depends on the clock.
GOLDEN_FETCHED_AT = datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class GoldenCase:
    name: str  # the recorded file's name in golden/
    actual: Any  # the folder's parsers applied to the recorded response (plain JSON data)
    expected: Any  # the stored expectation (<name>.expected.json)


def plain(value: Any) -> Any:
    """Items and parsed pages as plain JSON data (dataclasses to dicts, tuples to lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def expected_file(golden_dir: Path, recorded: Path) -> Path:
    return golden_dir / f"{recorded.name.split('.')[0]}.expected.json"


def read_expected(golden_dir: Path, recorded: Path) -> Any:
    """The stored expectation of a recorded file; None when it has none yet."""
    path = expected_file(golden_dir, recorded)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def write_expected(name: str) -> list[Path]:
    """Rewrite source `name`'s expectations from what its parsers make now."""
    module = importlib.import_module(f"spiders.{name}.golden")
    written = []
    for case in module.golden_cases():
        path = module.GOLDEN_DIR / f"{case.name.split('.')[0]}.expected.json"
        path.write_text(json.dumps(case.actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_expected(sys.argv[1]):
        print(path)
