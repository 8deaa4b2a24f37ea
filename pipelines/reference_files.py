"""Where the versioned reference data lives (roster, goals, codebook)."""

from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
ROSTER_CSV = REFERENCE_DIR / "roster.csv"
GOALS_CSV = REFERENCE_DIR / "goals.csv"
