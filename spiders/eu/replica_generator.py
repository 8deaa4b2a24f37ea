"""Deterministic generator of unrelated Commission documents: the everyday business of the Press
Corner, in the snapshot's record format (snapshot/README.md). Same seed, same records.
"""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from replica.generator import DEFAULT_SEED, random_day
from spiders.eu import replica_stories as stories_eu

EU_COUNT = 12
_LANGUAGES = ["fr", "de", "it", "es", "nl", "pl", "pt", "sv", "cs", "el", "hu", "ro", "da", "fi"]


def generate_eu_records(seed: int = DEFAULT_SEED, count: int = EU_COUNT) -> list[dict[str, Any]]:
    rng = Random(seed + 1)
    used: set[str] = set()
    records = []
    for index in range(count):
        day = random_day(rng)
        release = stories_eu.TEMPLATES[index % len(stories_eu.TEMPLATES)](rng)
        sequence = day.timetuple().tm_yday * 5 + rng.randint(0, 4)
        while f"{release.kind}/{day:%y}/{sequence}" in used:
            sequence += 1
        reference = f"{release.kind}/{day:%y}/{sequence}"
        used.add(reference)
        others = sorted(rng.sample(_LANGUAGES, rng.randint(0, len(_LANGUAGES))))
        records.append({
            "reference": reference,
            "date": day,
            "title": release.title,
            "subtitle": None,
            "lead": release.lead,
            "languages": ["en", *others],
            "countries": [],
            "html": _eu_html(day, release),
        })
    return records


def _eu_html(day: date, release: stories_eu.Release) -> str:
    parts = [f"<p>Brussels, {day.day} {day:%B %Y}</p>"]
    if release.kind == "SPEECH":
        parts.append("<p><em>Check against delivery</em></p>")
    parts.append(f"<p><strong>{release.lead}</strong></p>")
    parts += [f"<p>{p}</p>" for p in release.paragraphs]
    parts.append("<p><strong>For more information</strong></p><p>Press Corner</p>")
    return "\n".join(parts) + "\n"
