"""Loading and checking the gold sets in tests/gold/.

Two sets: the project's own hand-written items (``items.jsonl``, text included) and labels for
the real DOJ releases in ../shared (``realdata_doj_labels.jsonl``, keyed by uuid; the texts are
read from the shared payload at run time and never stored in the project).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pipelines.known_sources import KNOWN_SOURCES

# The four policy targets of the Alliance; the labelling contract in tests/gold/README.md.
GOALS = frozenset({"victims", "prosecution", "awareness", "availability"})
MODES = frozenset({"action", "commitment"})
ROLES = frozenset({"actor", "partner", "signatory"})
# The registry's sources and the ones announced for it (known_sources.py): the gold sets already
# hold GOV.UK and Europol texts.
SOURCES = frozenset(KNOWN_SOURCES)
OWN_SET_FILE = "items.jsonl"
# Event sets (tests/gold/EVENTS.md): texts with implementation events labelled. The holdout set's
# texts are never read while the tagger is developed; it measures what the dev set cannot.
EVENT_SET_FILES = {"events_dev": "events_dev.jsonl", "events_dev2": "events_dev2.jsonl",
                   "events_holdout": "events_holdout.jsonl", "speeches": "speeches.jsonl"}
REAL_LABELS_FILE = "realdata_doj_labels.jsonl"
REAL_PAYLOAD = Path("realdata/DOJ_Press_Release_ETL/doj_api_v1_press_releases_page0_pagesize100.json")
# DOJ `date` is epoch seconds at midnight US Eastern; the calendar date is the Eastern one.
DOJ_TIMEZONE = ZoneInfo("America/New_York")
_CODE = re.compile(r"^[A-Z]{2}$")


class GoldSetError(ValueError):
    """A gold file is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class GoldEvent:
    member: str
    goal: str
    mode: str
    role: str
    evidence: str

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.member, self.goal, self.mode)


@dataclass(frozen=True)
class GoldItem:
    id: str
    source: str
    title: str
    text: str
    published: str | None
    relevant: bool
    members: tuple[str, ...]
    goals: tuple[str, ...]
    traps: tuple[str, ...]
    note: str
    events: tuple[GoldEvent, ...] | None = None  # None: the item's events were not labelled
    genre: str | None = None
    subtitle: str = ""  # the source's subtitle, when the item has one (a speech's occasion)


def _jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldSetError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise GoldSetError(f"{where}: expected a JSON object")
        yield lineno, record


def _field(record: dict, key: str, kind: type | tuple[type, ...], where: str):
    if key not in record:
        raise GoldSetError(f"{where}: missing field {key!r}")
    value = record[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise GoldSetError(f"{where}: field {key!r} has type {type(value).__name__}")
    return value


def _codes(record: dict, key: str, where: str, allowed: frozenset[str] | None) -> tuple[str, ...]:
    values = _field(record, key, list, where)
    if not all(isinstance(v, str) for v in values):
        raise GoldSetError(f"{where}: field {key!r} must hold strings")
    if values != sorted(set(values)):
        raise GoldSetError(f"{where}: field {key!r} must be sorted and without repeats: {values}")
    if allowed is not None and (unknown := sorted(set(values) - allowed)):
        raise GoldSetError(f"{where}: field {key!r} has unknown values {unknown}")
    return tuple(values)


def _labels(record: dict, where: str, roster: frozenset[str] | None) -> dict:
    relevant = _field(record, "relevant", bool, where)
    members = _codes(record, "members", where, roster)
    if bad := [m for m in members if not _CODE.match(m)]:
        raise GoldSetError(f"{where}: field 'members' holds non alpha-2 codes {bad}")
    goals = _codes(record, "goals", where, GOALS)
    if goals and not relevant:
        raise GoldSetError(f"{where}: goals {list(goals)} given for an item that is not relevant")
    traps = _codes(record, "traps", where, None) if "traps" in record else ()
    note = record.get("note", "")
    if not isinstance(note, str):
        raise GoldSetError(f"{where}: field 'note' must be a string")
    return {"relevant": relevant, "members": members, "goals": goals, "traps": traps, "note": note}


def _published(value, where: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise GoldSetError(f"{where}: field 'published' is not an ISO date or null: {value!r}")


def _unique_ids(items: Iterable[GoldItem], path: Path) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise GoldSetError(f"{path}: id {item.id!r} appears more than once")
        seen.add(item.id)


def _events(labels: dict, record: dict, where: str, roster: frozenset[str] | None) -> tuple[GoldEvent, ...]:
    raw = _field(labels, "events", list, where)
    events = []
    for i, e in enumerate(raw):
        at = f"{where}: events[{i}]"
        if not isinstance(e, dict):
            raise GoldSetError(f"{at}: expected an object")
        event = GoldEvent(*(_field(e, k, str, at) for k in ("member", "goal", "mode", "role", "evidence")))
        for value, allowed, name in ((event.goal, GOALS, "goal"), (event.mode, MODES, "mode"),
                                     (event.role, ROLES, "role")):
            if value not in allowed:
                raise GoldSetError(f"{at}: {name} {value!r} is not one of {sorted(allowed)}")
        if roster is not None and event.member not in roster:
            raise GoldSetError(f"{at}: member {event.member!r} is not on the roster")
        if event.evidence not in record.get("title", "") and event.evidence not in record.get("text", ""):
            raise GoldSetError(f"{at}: evidence is not a substring of the title or the text")
        if event.goal not in labels.get("goals", []):
            raise GoldSetError(f"{at}: goal {event.goal!r} is not among the item's goals")
        if event.triple in {x.triple for x in events}:
            raise GoldSetError(f"{at}: {event.triple} is labelled twice")
        events.append(event)
    if events and not labels.get("relevant"):
        raise GoldSetError(f"{where}: events given for an item that is not relevant")
    return tuple(events)


def load_own_set(path: Path, roster: frozenset[str] | None = None) -> list[GoldItem]:
    """Read a set of hand-written items (items.jsonl, or an event set whose labels carry `events`);
    `roster` (alpha-2 codes), when given, bounds the member codes."""
    items = []
    for lineno, record in _jsonl(path):
        where = f"{path}:{lineno}"
        labels = _field(record, "labels", dict, where)
        source = _field(record, "source", str, where)
        if source not in SOURCES:
            raise GoldSetError(f"{where}: field 'source' must be one of {sorted(SOURCES)}")
        lab = _labels({**labels, "traps": record.get("traps", []), "note": record.get("note", "")},
                      where, roster)
        events = _events(labels, record, where, roster) if "events" in labels else None
        genre = record.get("genre")
        if genre is not None and not isinstance(genre, str):
            raise GoldSetError(f"{where}: field 'genre' must be a string")
        subtitle = record.get("subtitle") or ""
        if not isinstance(subtitle, str):
            raise GoldSetError(f"{where}: field 'subtitle' must be a string")
        items.append(GoldItem(
            id=_field(record, "id", str, where), source=source, subtitle=subtitle,
            title=_field(record, "title", str, where), text=_field(record, "text", str, where),
            published=_published(record.get("published"), where), **lab, events=events, genre=genre,
        ))
    _unique_ids(items, path)
    return items


def load_real_labels(path: Path, roster: frozenset[str] | None = None) -> dict[str, dict]:
    """Read realdata_doj_labels.jsonl into {uuid: labels}."""
    labels: dict[str, dict] = {}
    for lineno, record in _jsonl(path):
        where = f"{path}:{lineno}"
        uuid = _field(record, "uuid", str, where)
        if uuid in labels:
            raise GoldSetError(f"{where}: uuid {uuid!r} appears more than once")
        labels[uuid] = _labels(record, where, roster)
    return labels


def html_to_text(html: str) -> str:
    """Body HTML to plain text, with the project's extractor when it exists."""
    if importlib.util.find_spec("pipelines.extraction") is not None:
        from pipelines.extraction import extract_text

        return extract_text(html) or ""
    import lxml.html

    return lxml.html.fromstring(html).text_content().strip() if html.strip() else ""


def _doj_date(epoch: str | int | None) -> str | None:
    if epoch in (None, ""):
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=DOJ_TIMEZONE).date().isoformat()


def load_real_doj_set(labels_path: Path, shared_dir: Path,
                      roster: frozenset[str] | None = None) -> list[GoldItem]:
    """Join the labels with the real DOJ payload under `shared_dir` (FileNotFoundError if absent)."""
    labels = load_real_labels(labels_path, roster)
    payload_path = shared_dir / REAL_PAYLOAD
    results = json.loads(payload_path.read_text(encoding="utf-8"))["results"]
    by_uuid = {r["uuid"]: r for r in results}
    if missing := sorted(set(labels) - set(by_uuid)):
        raise GoldSetError(f"{labels_path}: uuids not in {payload_path}: {missing[:5]}")
    if unlabelled := sorted(set(by_uuid) - set(labels)):
        raise GoldSetError(f"{labels_path}: releases in {payload_path} without labels: {unlabelled[:5]}")
    return [
        GoldItem(id=f"doj:{uuid}", source="doj", title=" ".join(by_uuid[uuid]["title"].split()),
                 text=html_to_text(by_uuid[uuid].get("body") or ""),
                 published=_doj_date(by_uuid[uuid].get("date")), **lab)
        for uuid, lab in labels.items()
    ]
