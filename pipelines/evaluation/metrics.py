"""Pure scoring functions: counts of true/false positives and negatives, and the ratios over them.

Convention for empty denominators: precision with no predictions, or recall with nothing to find,
counts as 1.0 (nothing was invented, nothing was missed). F1 is then 0.0 whenever the other side
is 0.0, so "predicted nothing while something was there" still scores F1 = 0.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def support(self) -> int:
        """How many gold positives there were."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def binary_counts(pairs: Iterable[tuple[bool, bool]]) -> Counts:
    """Counts for a yes/no decision; each pair is (gold, predicted)."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        if gold and predicted:
            tp += 1
        elif predicted:
            fp += 1
        elif gold:
            fn += 1
    return Counts(tp, fp, fn)


def set_counts(
    pairs: Iterable[tuple[Iterable[Hashable], Iterable[Hashable]]],
    exclude: Iterable[Hashable] = (),
) -> Counts:
    """Micro-averaged counts over label sets; each pair is (gold labels, predicted labels)."""
    skip = frozenset(exclude)
    total = Counts()
    for gold, predicted in pairs:
        g, p = set(gold) - skip, set(predicted) - skip
        total += Counts(len(g & p), len(p - g), len(g - p))
    return total


def per_label_counts(
    pairs: Iterable[tuple[Iterable[Hashable], Iterable[Hashable]]],
) -> dict[Hashable, Counts]:
    """Counts per label over label sets, for every label seen in gold or predictions."""
    table: dict[Hashable, Counts] = {}
    for gold, predicted in pairs:
        g, p = set(gold), set(predicted)
        for label in g | p:
            hit = Counts(int(label in g and label in p), int(label in p - g), int(label in g - p))
            table[label] = table.get(label, Counts()) + hit
    return dict(sorted(table.items(), key=lambda kv: str(kv[0])))


@dataclass(frozen=True)
class TrapCounts:
    items: int = 0
    wrong_members: int = 0
    wrong_relevance: int = 0

    def __add__(self, other: TrapCounts) -> TrapCounts:
        return TrapCounts(
            self.items + other.items,
            self.wrong_members + other.wrong_members,
            self.wrong_relevance + other.wrong_relevance,
        )


@dataclass(frozen=True)
class TrapOutcome:
    """One item as the trap table needs it: its trap names and whether each answer was right."""

    traps: tuple[str, ...]
    members_right: bool
    relevance_right: bool


def trap_confusion(outcomes: Iterable[TrapOutcome]) -> dict[str, TrapCounts]:
    """Per trap name: how many items carry it, and how many of those got a wrong member set
    (or a wrong relevance decision)."""
    table: dict[str, TrapCounts] = {}
    for outcome in outcomes:
        hit = TrapCounts(1, int(not outcome.members_right), int(not outcome.relevance_right))
        for trap in set(outcome.traps):
            table[trap] = table.get(trap, TrapCounts()) + hit
    return dict(sorted(table.items()))
