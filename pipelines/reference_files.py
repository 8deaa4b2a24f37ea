"""Where the versioned reference data lives (roster, goals, codebook), and the reader of the
accuracy figures `make eval` writes beside it."""

import json
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
ROSTER_CSV = REFERENCE_DIR / "roster.csv"
GOALS_CSV = REFERENCE_DIR / "goals.csv"
# Written by `make eval`: the tagger's measured accuracy, shown beside the report's charts.
ACCURACY_JSON = REFERENCE_DIR / "accuracy.json"


class AccuracyFileError(ValueError):
    """The accuracy figures file is there but is not JSON; the message names it."""


def read_accuracy(path: Path = ACCURACY_JSON) -> dict[str, Any] | None:
    """The figures `make eval` last wrote, or None where it never wrote them."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise AccuracyFileError(f"{path} is not JSON ({error.msg} at line {error.lineno})") from error
