"""`python -m pipelines.evaluation [--update-floors]`: score the tagger and the extractor on the gold sets.

Exits 1 when a figure named in tests/gold/floors.json is below its floor (each one is named).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.evaluation.accuracy import (
    ACCURACY_JSON,
    accuracy_figures,
    document_counts,
    write_accuracy,
)
from pipelines.evaluation.event_scores import event_errors
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
from pipelines.reference_files import REFERENCE_DIR
from pipelines.tagging.codebook import Codebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.evaluation", description=__doc__)
    parser.add_argument("--update-floors", action="store_true",
                        help="raise the floors to the current figures (never lowers one)")
    parser.add_argument("--errors", action="store_true",
                        help="also list every wrong answer, item by item")
    parser.add_argument("--errors-of", default="events_dev",
                        help="the set whose event errors --errors lists (default: events_dev; the "
                             "holdout set's are not for reading while developing the tagger)")
    parser.add_argument("--accuracy-file", type=Path, default=ACCURACY_JSON,
                        help="where the figures readers see beside the trends are written "
                             "(default: pipelines/reference/accuracy.json, versioned)")
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
        print("\n".join(["== event errors",
                          *event_errors(gold.sets.get(args.errors_of, []),
                                        {k: p.events for k, p in predictions.items()})]))
    figures = {name: s.figures() for name, s in scores.items()}
    accuracy = accuracy_figures(
        [document_counts(i, predictions[i.id].members, predictions[i.id].goals, predictions[i.id].events)
         for i in gold.combined],
        Codebook.from_yaml(REFERENCE_DIR / "codebook.yaml").version,
        {name: len(items) for name, items in gold.sets.items()})
    print(f"accuracy figures written to {write_accuracy(accuracy, args.accuracy_file)}")

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
