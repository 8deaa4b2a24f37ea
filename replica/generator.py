"""What every source's generator of unrelated documents shares: the years the replica covers, the
seed, working days, and slugs. Each source generates its own records (spiders/<source>/replica_generator.py)
in its snapshot's record format, so generated records go through the same loader checks as the
hand-written ones. Same seed, same records.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from random import Random

FIRST_DAY, LAST_DAY = date(2012, 6, 1), date(2016, 12, 31)
DEFAULT_SEED = 20121205
_STOP_WORDS = {"a", "an", "and", "the", "to", "of", "for", "in", "on", "at", "by", "with", "from"}


def slugify(title: str, limit: int = 100) -> str:
    words = [w for w in re.split(r"[^a-z0-9]+", title.lower()) if w and w not in _STOP_WORDS]
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def unique(url: str, used: set[str]) -> str:
    """Drupal's answer to two releases with one title: a -0, -1... suffix on the slug."""
    candidate, suffix = url, 0
    while candidate in used:
        candidate, suffix = f"{url}-{suffix}", suffix + 1
    used.add(candidate)
    return candidate


def random_day(rng: Random) -> date:
    """A working day: both press offices publish little at weekends."""
    day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
