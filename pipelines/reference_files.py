"""Where the versioned reference data lives (roster, goals, codebook)."""

from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
ROSTER_CSV = REFERENCE_DIR / "roster.csv"
GOALS_CSV = REFERENCE_DIR / "goals.csv"
# Written by `make eval`: the tagger's measured accuracy, shown beside the report's charts.
ACCURACY_JSON = REFERENCE_DIR / "accuracy.json"
