"""Deterministic generator of unrelated releases: the bulk of what both sources publish.

Output is in the snapshot's own record format (snapshot/README.md), so generated records go
through the same loader checks as the hand-written ones. Same seed, same records.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from random import Random
from typing import Any

from spiders.replica import stories_doj, stories_doj_civil, stories_eu

FIRST_DAY, LAST_DAY = date(2012, 6, 1), date(2016, 12, 31)
# justice.gov moved from dated .html addresses to slugs when it changed platforms in 2014.
SLUG_URLS_FROM = date(2014, 7, 1)
DOJ_COUNT, EU_COUNT = 90, 12
DEFAULT_SEED = 20121205
_TEMPLATES = [*stories_doj.TEMPLATES, *stories_doj_civil.TEMPLATES]
_LOCAL_TEMPLATES = [*stories_doj.LOCAL_TEMPLATES, *stories_doj_civil.LOCAL_TEMPLATES]

_DIVISION_CODES = {
    "Antitrust Division": "at", "Tax Division": "tax", "Civil Division": "civ",
    "Environment and Natural Resources Division": "enrd", "Civil Rights Division": "crt",
    "Criminal Division": "crm", "National Security Division (NSD)": "nsd",
    "Office of Justice Programs": "ojp",
}
# (url code, district, dateline, component as the DOJ names it)
_DISTRICTS = [
    ("ndga", "Northern District of Georgia", "ATLANTA", "USAO - Georgia, Northern"),
    ("sdny", "Southern District of New York", "NEW YORK", "USAO - New York, Southern"),
    ("ndil", "Northern District of Illinois", "CHICAGO", "USAO - Illinois, Northern"),
    ("cdca", "Central District of California", "LOS ANGELES", "USAO - California, Central"),
    ("sdtx", "Southern District of Texas", "HOUSTON", "USAO - Texas, Southern"),
    ("edva", "Eastern District of Virginia", "ALEXANDRIA, Va.", "USAO - Virginia, Eastern"),
    ("nm", "District of New Mexico", "ALBUQUERQUE", "USAO - New Mexico"),
    ("wdwa", "Western District of Washington", "SEATTLE", "USAO - Washington, Western"),
    ("sdfl", "Southern District of Florida", "MIAMI", "USAO - Florida, Southern"),
    ("ma", "District of Massachusetts", "BOSTON", "USAO - Massachusetts"),
    ("co", "District of Colorado", "DENVER", "USAO - Colorado"),
]
_STOP_WORDS = {"a", "an", "and", "the", "to", "of", "for", "in", "on", "at", "by", "with", "from"}
_LANGUAGES = ["fr", "de", "it", "es", "nl", "pl", "pt", "sv", "cs", "el", "hu", "ro", "da", "fi"]


def generate_doj_records(seed: int = DEFAULT_SEED, count: int = DOJ_COUNT) -> list[dict[str, Any]]:
    rng = Random(seed)
    days = sorted(_random_day(rng) for _ in range(count))
    templates = list(_TEMPLATES)
    rng.shuffle(templates)
    used_numbers: set[str] = set()
    used_urls: set[str] = set()
    records = []
    for index, day in enumerate(days):
        template = templates[index % len(templates)]
        local = template in _LOCAL_TEMPLATES and rng.random() < 0.6
        district = rng.choice(_DISTRICTS) if local else None
        speaker = _usao_speaker(district) if district else ""
        story = template(rng, speaker or "{speaker}")
        if not district:
            story = _with_speaker(story, _division_speaker(story.component))
        number = None if district else _release_number(rng, day, used_numbers)
        records.append({
            "title": story.title.replace(" million", " Million"),
            "date": day,
            "url": _unique(_doj_url(day, story, district, number), used_urls),
            "number": number,
            "component": [district[3] if district else story.component],
            "topic": story.topics,
            "teaser": _first_sentence(story.paragraphs[0]) if rng.random() < 0.15 else None,
            "page_only": rng.random() < 0.06,
            "body": _doj_body(rng, story, district[2] if district else "WASHINGTON", number),
        })
    return records


def generate_eu_records(seed: int = DEFAULT_SEED, count: int = EU_COUNT) -> list[dict[str, Any]]:
    rng = Random(seed + 1)
    used: set[str] = set()
    records = []
    for index in range(count):
        day = _random_day(rng)
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


def slugify(title: str, limit: int = 100) -> str:
    words = [w for w in re.split(r"[^a-z0-9]+", title.lower()) if w and w not in _STOP_WORDS]
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def _unique(url: str, used: set[str]) -> str:
    """Drupal's answer to two releases with one title: a -0, -1... suffix on the slug."""
    candidate, suffix = url, 0
    while candidate in used:
        candidate, suffix = f"{url}-{suffix}", suffix + 1
    used.add(candidate)
    return candidate


def _random_day(rng: Random) -> date:
    """A working day: both press offices publish little at weekends."""
    day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _release_number(rng: Random, day: date, used: set[str]) -> str:
    sequence = day.timetuple().tm_yday * 4 + rng.randint(0, 3)
    while f"{day:%y}-{sequence}" in used:
        sequence += 1
    used.add(f"{day:%y}-{sequence}")
    return f"{day:%y}-{sequence}"


def _doj_url(day: date, story: stories_doj.Story, district: tuple | None, number: str | None) -> str:
    if district:
        return f"https://www.justice.gov/usao-{district[0]}/pr/{slugify(story.title)}"
    if day < SLUG_URLS_FROM and number:
        code = _DIVISION_CODES.get(story.component, "opa")
        sequence = number.split("-")[1]
        return f"https://www.justice.gov/opa/pr/{day:%Y}/{day:%B}/{day:%y}-{code}-{sequence}.html"
    return f"https://www.justice.gov/opa/pr/{slugify(story.title)}"


def _division_speaker(component: str) -> str:
    rng = Random(component)  # the same official speaks for a division in every release
    division = component.replace(" (NSD)", "")
    return f"Assistant Attorney General {stories_doj.person(rng)} of the {division}"


def _usao_speaker(district: tuple) -> str:
    rng = Random(district[0])
    return f"U.S. Attorney {stories_doj.person(rng)} of the {district[1]}"


def _with_speaker(story: stories_doj.Story, speaker: str) -> stories_doj.Story:
    paragraphs = [p.replace("{speaker}", speaker) for p in story.paragraphs]
    return stories_doj.Story(story.title, paragraphs, story.component, story.topics)


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "."


def _doj_body(rng: Random, story: stories_doj.Story, dateline: str, number: str | None) -> str:
    lead, *rest = story.paragraphs
    opening = (f"<p><strong>{dateline}</strong> – {lead}</p>" if rng.random() < 0.5
               else f"<p>{dateline} – {lead}</p>")
    closing = ["<p>###</p>"] if rng.random() < 0.4 else []
    if number and closing and rng.random() < 0.5:
        closing.append(f"<p>{number}</p>")
    return "\n".join([opening, *(f"<p>{p}</p>" for p in rest), *closing]) + "\n"


def _eu_html(day: date, release: stories_eu.Release) -> str:
    parts = [f"<p>Brussels, {day.day} {day:%B %Y}</p>"]
    if release.kind == "SPEECH":
        parts.append("<p><em>Check against delivery</em></p>")
    parts.append(f"<p><strong>{release.lead}</strong></p>")
    parts += [f"<p>{p}</p>" for p in release.paragraphs]
    parts.append("<p><strong>For more information</strong></p><p>Press Corner</p>")
    return "\n".join(parts) + "\n"
