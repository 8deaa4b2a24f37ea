"""The measured accuracy that readers see beside the trends: figures per goal, per mode, for members
and events, each with a 95% interval from a bootstrap over documents, written to a versioned file
(`pipelines/reference/accuracy.json`) by `make eval`.

Pure: per-document counts in, figures out; the bootstrap is seeded, so the same gold sets and tags
give the same file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipelines.evaluation.gold import GoldItem
from pipelines.evaluation.metrics import Counts
from pipelines.reference_files import ACCURACY_JSON

RESAMPLES = 1000
SEED = 20121205  # the Alliance's launch day: any fixed seed would do
Triple = tuple[str, str, str]


@dataclass(frozen=True)
class DocumentCounts:
    """One document's contribution to each figure, by figure name."""

    counts: dict[str, Counts]
    mode_matched: int = 0
    mode_right: int = 0


def document_counts(item: GoldItem, members: frozenset[str], goals: frozenset[str],
                    events: Mapping[Triple, str]) -> DocumentCounts:
    """What one labelled document adds to each figure: members (without the US, whom nearly every
    DOJ release names) and document goals always; events, per goal and per mode where its events are
    labelled."""
    out = {"members": _counts(set(item.members) - {"US"}, set(members) - {"US"}),
           "document_goals": _counts(set(item.goals), set(goals))}
    matched = right = 0
    if item.events is not None:
        gold, pred = {e.triple for e in item.events}, set(events)
        out["events"] = _counts(gold, pred)
        out["pairs"] = _counts({t[:2] for t in gold}, {t[:2] for t in pred})
        for goal in ("victims", "prosecution", "awareness", "availability"):
            out[f"goal:{goal}"] = _counts({t for t in gold if t[1] == goal}, {t for t in pred if t[1] == goal})
        for mode in ("action", "commitment"):
            out[f"mode:{mode}"] = _counts({t for t in gold if t[2] == mode}, {t for t in pred if t[2] == mode})
        for pair in {t[:2] for t in gold} & {t[:2] for t in pred}:
            matched += 1
            right += {t[2] for t in gold if t[:2] == pair} == {t[2] for t in pred if t[:2] == pair}
    return DocumentCounts(out, matched, right)


def accuracy_figures(documents: Sequence[DocumentCounts], codebook_version: str,
                     set_sizes: Mapping[str, int], resamples: int = RESAMPLES, seed: int = SEED) -> dict:
    """The file's content: each figure's precision, recall and F1 (events also: mode accuracy) with
    the support and a 95% percentile interval over `resamples` resamplings of the documents."""
    draws = np.random.default_rng(seed).integers(0, len(documents), size=(resamples, len(documents)))
    figures = {}
    for name in sorted({name for d in documents for name in d.counts}):
        table = np.array([[c.tp, c.fp, c.fn] if (c := d.counts.get(name)) else [0, 0, 0]
                          for d in documents])
        total = Counts(*(int(v) for v in table.sum(axis=0)))
        tp, fp, fn = (table[:, k][draws].sum(axis=1) for k in range(3))
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
        recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 1.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0.0)
        figures[name] = {
            "documents": sum(1 for d in documents if name in d.counts), "support": total.support,
            **{f: round(getattr(total, f), 4) for f in ("precision", "recall", "f1")},
            "precision_95": _interval(precision), "recall_95": _interval(recall), "f1_95": _interval(f1),
        }
    right = np.array([d.mode_right for d in documents])[draws].sum(axis=1)
    matched = np.array([d.mode_matched for d in documents])[draws].sum(axis=1)
    total_matched = sum(d.mode_matched for d in documents)
    figures["mode_accuracy"] = {
        "matched_pairs": total_matched,
        "value": round(sum(d.mode_right for d in documents) / total_matched, 4) if total_matched else 1.0,
        "value_95": _interval(np.where(matched > 0, right / np.maximum(matched, 1), 1.0)),
    }
    return {"codebook_version": codebook_version, "written_by": "make eval",
            "interval": f"95% percentile bootstrap over documents, {resamples} resamples, seed {seed}",
            "gold_sets": dict(set_sizes), "figures": figures}


def write_accuracy(figures: dict, path: Path = ACCURACY_JSON) -> Path:
    path.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _counts(gold: set, predicted: set) -> Counts:
    return Counts(len(gold & predicted), len(predicted - gold), len(gold - predicted))


def _interval(values: np.ndarray) -> list[float]:
    low, high = np.percentile(values, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]
