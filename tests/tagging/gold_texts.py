"""The gold sets' texts (tests/gold: hand-labelled items and speeches), title and text together: the
real wording the tagger's pattern tests search."""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "gold"


def gold_texts() -> list[str]:
    texts = []
    for name in ("items.jsonl", "speeches.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                texts.append(f"{item.get('title', '')}\n{item.get('text', '')}")
    return texts
