"""The DOJ snapshot (snapshot/README.md) as News API v1 records: each hand-written or generated
record checked, a bad one a one-line SnapshotError naming file, record and field."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from replica.snapshot import (
    SnapshotError,
    known_fields,
    names,
    optional_text,
    read_records,
    stable,
    text,
)
from replica.snapshot import iso_date as _date

SNAPSHOT_DIR = Path(__file__).resolve().with_name("snapshot")
DOJ_FILE = "doj_releases.yaml"
EASTERN = ZoneInfo("America/New_York")
DOJ_FIELDS = {"title", "date", "url", "number", "component", "topic", "teaser", "page_only", "body"}
# Fixed namespace so the derived Drupal node uuids are stable across runs and machines.
_NODE_NAMESPACE = uuid.UUID("6f1c2a64-3d0e-5b7a-9c41-2f8e5d9a0b17")


@dataclass(frozen=True)
class DojRelease:
    api: dict[str, Any]  # the News API v1 result, shape A (body "" when page_only)
    page_body: str  # the body as the justice.gov page shows it
    day: date
    path: str  # the url's path, where the replica serves the page


def load_doj_releases(path: Path) -> list[DojRelease]:
    return [doj_release(raw, f"{path}: record {i}") for i, raw in enumerate(read_records(path))]


def doj_release(raw: Mapping[str, Any], where: str) -> DojRelease:
    """One snapshot DOJ record as the News API serves it (shape A)."""
    known_fields(raw, DOJ_FIELDS, where)
    title = text(raw, "title", where)
    day = _date(raw, "date", where)
    url = text(raw, "url", where)
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != "www.justice.gov" or len(parts.path) < 2:
        raise SnapshotError(f"{where}: field 'url': expected https://www.justice.gov/<path>")
    number = optional_text(raw, "number", where)
    components = names(raw, "component", where, required=False)
    topics = names(raw, "topic", where, required=False)
    teaser = optional_text(raw, "teaser", where)
    page_only = raw.get("page_only", False)
    if not isinstance(page_only, bool):
        raise SnapshotError(f"{where}: field 'page_only': expected true or false")
    body = text(raw, "body", where)
    published = datetime.combine(day, time(0), EASTERN)
    created = published + timedelta(hours=9, minutes=stable(url, 600))
    changed = created + timedelta(days=stable(url + "#changed", 40), minutes=stable(url, 59))
    api = {
        "attachment": [],
        "body": "" if page_only else body,
        "changed": _epoch(changed),
        "component": [_term("component", name) for name in components],
        "created": _epoch(created),
        "date": _epoch(published),
        "image": [],
        "number": number,
        "teaser": teaser,
        "title": title,
        "topic": [_term("topic", name) for name in topics],
        "url": url,
        "uuid": str(uuid.uuid5(_NODE_NAMESPACE, url)),
        "vuuid": str(uuid.uuid5(uuid.NAMESPACE_URL, url)),
    }
    return DojRelease(api=api, page_body=body, day=day, path=parts.path)


def _term(vocabulary: str, name: str) -> dict[str, str]:
    return {"uuid": str(uuid.uuid5(_NODE_NAMESPACE, f"{vocabulary}:{name}")), "name": name}


def _epoch(moment: datetime) -> str:
    return str(int(moment.timestamp()))
