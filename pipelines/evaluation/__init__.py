"""Quality gate for the tagger: gold sets, metrics and the floors they must stay above."""

from pipelines.evaluation.gold import GoldItem, GoldSetError, load_own_set, load_real_doj_set
from pipelines.evaluation.metrics import Counts, binary_counts, per_label_counts, set_counts
from pipelines.evaluation.scoring import Prediction, SetScores, score

__all__ = [
    "Counts", "GoldItem", "GoldSetError", "Prediction", "SetScores", "binary_counts",
    "load_own_set", "load_real_doj_set", "per_label_counts", "score", "set_counts",
]
