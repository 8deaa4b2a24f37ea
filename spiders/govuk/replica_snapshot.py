"""GOV.UK's replica snapshot: the news items of snapshot/news.yaml, read and checked (a bad record is
a SnapshotError naming its field), and the organisations they may name."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from replica.snapshot import SnapshotError, read_records, refuse_duplicates

# Organisations the snapshot names: slug -> (title, acronym). Their content_ids are made up
# here (derived from the slug) and so are the analytics identifiers; the shape is the real one.
ORGANISATIONS = {
    "home-office": ("Home Office", "HO"),
    "national-crime-agency": ("National Crime Agency", "NCA"),
    "ministry-of-justice": ("Ministry of Justice", "MOJ"),
    "foreign-commonwealth-office": ("Foreign & Commonwealth Office", "FCO"),
    "foreign-commonwealth-development-office": ("Foreign, Commonwealth & Development Office",
                                                "FCDO"),
    "department-for-education": ("Department for Education", "DfE"),
}


@dataclass(frozen=True)
class Translation:
    locale: str
    title: str
    description: str
    body: str


@dataclass(frozen=True)
class NewsItem:
    content_id: str
    base_path: str
    document_type: str
    title: str
    description: str
    first_published_at: str
    public_updated_at: str
    organisations: tuple[str, ...]
    world_locations: tuple[str, ...]
    body: str
    withdrawn: dict[str, str] | None
    translations: tuple[Translation, ...] = field(default=())

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.first_published_at)

    @property
    def public_timestamp(self) -> datetime:
        return datetime.fromisoformat(self.public_updated_at)


def load_news(path: Path) -> list[NewsItem]:
    items = [_news_item(record, f"{path}: record {i}") for i, record in enumerate(read_records(path))]
    refuse_duplicates([item.content_id for item in items], path, "content_id")
    refuse_duplicates([item.base_path for item in items], path, "base_path")
    return items


def _news_item(record: Any, where: str) -> NewsItem:
    if not isinstance(record, dict):
        raise SnapshotError(f"{where}: expected a mapping")

    def text(key: str, required: bool = True) -> str:
        value = record.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise SnapshotError(f"{where}: field {key!r} must be non-empty text")
        return value.strip()

    try:
        content_id = str(uuid.UUID(text("content_id")))
        for key in ("first_published_at", "public_updated_at"):
            if record.get(key) is not None:
                moment = datetime.fromisoformat(text(key))
                if moment.tzinfo is None:
                    raise ValueError(f"{key} has no UTC offset")
    except ValueError as error:
        raise SnapshotError(f"{where}: {error}") from None
    organisations = tuple(record.get("organisations") or ())
    unknown = [slug for slug in organisations if slug not in ORGANISATIONS]
    if not organisations or unknown:
        raise SnapshotError(f"{where}: field 'organisations' must name known organisations, "
                            f"got {organisations!r}")
    if not text("base_path").startswith("/"):
        raise SnapshotError(f"{where}: field 'base_path' must start with '/'")
    withdrawn = record.get("withdrawn")
    if withdrawn is not None and not (isinstance(withdrawn, dict)
                                      and {"at", "explanation"} <= set(withdrawn)):
        raise SnapshotError(f"{where}: field 'withdrawn' must have 'at' and 'explanation'")
    translations = []
    for i, given in enumerate(record.get("translations") or ()):
        if not isinstance(given, dict):
            raise SnapshotError(f"{where}: translations[{i}] must be a mapping")
        try:
            translations.append(Translation(**{key: str(given[key]).strip() for key in
                                               ("locale", "title", "description", "body")}))
        except KeyError as error:
            raise SnapshotError(f"{where}: translations[{i}] lacks {error}") from None
    first = text("first_published_at")
    return NewsItem(
        content_id=content_id,
        base_path=text("base_path"),
        document_type=text("document_type"),
        title=text("title"),
        description=" ".join(text("description", required=False).split()),
        first_published_at=first,
        public_updated_at=text("public_updated_at", required=False) or first,
        organisations=organisations,
        world_locations=tuple(record.get("world_locations") or ()),
        body=" ".join(text("body").split()),
        withdrawn=copy.deepcopy(withdrawn),
        translations=tuple(translations),
    )
