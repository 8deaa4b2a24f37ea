"""`python -m pipelines.evaluation [--update-floors]`: score the tagger and the extractor on the gold sets.

Exits 1 when a figure named in tests/gold/floors.json is below its floor (each one is named).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.evaluation.extraction import evaluate_extraction, format_extraction_report
from pipelines.evaluation.runner import (
    COMBINED,
    FLOORS_FILE,
    GOLD_DIR,
    SHARED_DIR,
    evaluate,
    load_gold_sets,
    read_floors,
    roster_codes,
    tagger_predictor,
    write_floors,
)
from pipelines.evaluation.scoring import floor_failures, format_report, item_errors, raised_floors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.evaluation", description=__doc__)
    parser.add_argument("--update-floors", action="store_true",
                        help="raise the floors to the current figures (never lowers one)")
    parser.add_argument("--errors", action="store_true",
                        help="also list every wrong answer, item by item")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    parser.add_argument("--shared-dir", type=Path, default=SHARED_DIR)
    args = parser.parse_args(argv)

    gold = load_gold_sets(args.gold_dir, args.shared_dir, roster_codes())
    for reason in gold.skipped:
        print(reason)
    predictions = tagger_predictor()(gold.combined)
    scores = evaluate(gold, predictions)
    for name, set_scores in scores.items():
        print(format_report(name, set_scores))
    if args.errors:
        print("\n".join(["== errors", *item_errors(gold.combined, predictions)]))
    figures = {name: s.figures() for name, s in scores.items()}

    extraction, extraction_skipped = evaluate_extraction(args.gold_dir, args.shared_dir)
    for reason in extraction_skipped:
        print(reason)
    for name, extraction_scores in extraction.items():
        print(format_extraction_report(name, extraction_scores, details=name != "extraction"))
    figures.update({name: s.figures() for name, s in extraction.items()})

    floors_path = args.gold_dir / FLOORS_FILE
    floors = read_floors(floors_path)
    if args.update_floors:
        floors = raised_floors(floors, figures, COMBINED)
        write_floors(floors_path, floors)
        print(f"floors written to {floors_path}: {floors}")
    failures = floor_failures(figures, floors, COMBINED)
    for failure in failures:
        print(f"BELOW FLOOR {failure}")
    if not failures:
        print(f"all {len(floors)} floors hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
