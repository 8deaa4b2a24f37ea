"""Deterministic generator of unrelated DOJ releases: the bulk of what justice.gov publishes.

Output is in the snapshot's record format (snapshot/README.md). Same seed, same records.
"""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from replica.generator import DEFAULT_SEED, random_day, slugify, unique
from spiders.doj import replica_stories as stories_doj
from spiders.doj import replica_stories_civil as stories_doj_civil

# justice.gov moved from dated .html addresses to slugs when it changed platforms in 2014.
SLUG_URLS_FROM = date(2014, 7, 1)
DOJ_COUNT = 90
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
def generate_doj_records(seed: int = DEFAULT_SEED, count: int = DOJ_COUNT) -> list[dict[str, Any]]:
    rng = Random(seed)
    days = sorted(random_day(rng) for _ in range(count))
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
            "url": unique(_doj_url(day, story, district, number), used_urls),
            "number": number,
            "component": [district[3] if district else story.component],
            "topic": story.topics,
            "teaser": _first_sentence(story.paragraphs[0]) if rng.random() < 0.15 else None,
            "page_only": rng.random() < 0.06,
            "body": _doj_body(rng, story, district[2] if district else "WASHINGTON", number),
        })
    return records


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
