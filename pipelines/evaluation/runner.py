"""The thin shell: load the gold sets, run the tagger over them, score each set and the union."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.evaluation.gold import (
    EVENT_SET_FILES,
    OWN_SET_FILE,
    REAL_LABELS_FILE,
    REAL_PAYLOAD,
    GoldItem,
    load_own_set,
    load_real_doj_set,
)
from pipelines.evaluation.scoring import Prediction, SetScores, score

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "gold"
SHARED_DIR = REPO_ROOT / ".." / "shared"
ROSTER_CSV = REPO_ROOT / "pipelines" / "reference" / "roster.csv"
FLOORS_FILE = "floors.json"
COMBINED = "combined"

Predictor = Callable[[Sequence[GoldItem]], dict[str, Prediction]]


@dataclass
class GoldSets:
    sets: dict[str, list[GoldItem]]
    skipped: list[str] = field(default_factory=list)  # why a set is missing

    @property
    def combined(self) -> list[GoldItem]:
        return [item for items in self.sets.values() for item in items]


def roster_codes(path: Path = ROSTER_CSV) -> frozenset[str] | None:
    """Alpha-2 codes of the roster file, or None while it does not exist yet."""
    if not path.exists():
        return None
    from pipelines.tagging.roster import Roster

    return frozenset(Roster.from_csv(path).codes())


def load_gold_sets(gold_dir: Path = GOLD_DIR, shared_dir: Path = SHARED_DIR,
                   roster: frozenset[str] | None = None) -> GoldSets:
    sets = {"own": load_own_set(gold_dir / OWN_SET_FILE, roster)}
    for name, file in EVENT_SET_FILES.items():
        if (gold_dir / file).exists():
            sets[name] = load_own_set(gold_dir / file, roster)
    skipped = []
    if (shared_dir / REAL_PAYLOAD).exists():
        sets["real_doj"] = load_real_doj_set(gold_dir / REAL_LABELS_FILE, shared_dir, roster)
    else:
        skipped.append(f"real_doj skipped: {shared_dir / REAL_PAYLOAD} is absent "
                       "(the shared material sits beside the repository, in ../shared)")
    return GoldSets(sets, skipped)


def tagger_predictor() -> Predictor:
    """Predictions from the project's tagger, built from its reference data."""
    from pipelines.tagging import Tagger, TagInput

    tagger = Tagger.from_reference()

    def predict(items: Sequence[GoldItem]) -> dict[str, Prediction]:
        out = {}
        for item in items:
            published = dt.date.fromisoformat(item.published) if item.published else None
            result = tagger.tag(TagInput(item.id, item.source, item.title, item.text,
                                         published, item.subtitle)).to_output()
            events = {(e["member"], e["goal"], e["mode"]): e["role"] for e in result["events"]}
            out[item.id] = Prediction(bool(result["relevant"]), frozenset(result["members"]),
                                      frozenset(result["goals"]), events)
        return out

    return predict


def evaluate(gold: GoldSets, predictions: Mapping[str, Prediction]) -> dict[str, SetScores]:
    """Scores per set and for all sets together (under the name COMBINED)."""
    scores = {name: score(items, predictions) for name, items in gold.sets.items()}
    scores[COMBINED] = score(gold.combined, predictions)
    return scores


def read_floors(path: Path) -> dict[str, float]:
    floors = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(floors, dict) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in floors.values()
    ):
        raise ValueError(f"{path}: expected an object of figure name -> number")
    return {k: float(v) for k, v in floors.items()}


def write_floors(path: Path, floors: dict[str, float]) -> None:
    path.write_text(json.dumps(dict(sorted(floors.items())), indent=2) + "\n", encoding="utf-8")
