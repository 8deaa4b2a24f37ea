"""Load the bundled snapshot (snapshot/README.md) into records in the sources' API shapes.

Records come either from the YAML files or from generator.py (same mapping format), and both
go through the same checks: a bad record stops the replica with a one-line SnapshotError that
names the file, the record and the field.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import yaml

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"
DOJ_FILE = "doj_releases.yaml"
EU_FILE = "eu_documents.yaml"
EASTERN = ZoneInfo("America/New_York")
COMMISSION_TYPES = {
    "IP": "Press release",
    "MEMO": "Memo",
    "SPEECH": "Speech",
    "STATEMENT": "Statement",
    "QANDA": "Questions and answers",
}
DOJ_FIELDS = {"title", "date", "url", "number", "component", "topic", "teaser", "page_only", "body"}
EU_FIELDS = {
    "reference", "date", "title", "subtitle", "lead", "languages", "countries", "html"
}
# Fixed namespace so the derived Drupal node uuids are stable across runs and machines.
_NODE_NAMESPACE = uuid.UUID("6f1c2a64-3d0e-5b7a-9c41-2f8e5d9a0b17")


class SnapshotError(Exception):
    """The snapshot cannot be served; the message is one line naming file, record and field."""


@dataclass(frozen=True)
class DojRelease:
    api: dict[str, Any]  # the News API v1 result, shape A (body "" when page_only)
    page_body: str  # the body as the justice.gov page shows it
    day: date
    path: str  # the url's path, where the replica serves the page


@dataclass(frozen=True)
class CommissionDocument:
    reference: str
    day: date
    title: str
    subtitle: str | None
    lead: str
    languages: tuple[str, ...]
    countries: tuple[str, ...]
    html: str

    @property
    def doc_type(self) -> str:
        return self.reference.split("/")[0]


def load_doj_releases(path: Path) -> list[DojRelease]:
    return [doj_release(raw, f"{path}: record {i}") for i, raw in enumerate(read_records(path))]


def load_eu_documents(path: Path) -> list[CommissionDocument]:
    return [
        commission_document(raw, f"{path}: record {i}") for i, raw in enumerate(read_records(path))
    ]


def read_records(path: Path) -> list[Mapping[str, Any]]:
    """The YAML list in `path`; SnapshotError for a missing, unreadable or misshapen file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SnapshotError(f"{path}: snapshot file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SnapshotError(f"{path}: cannot read snapshot file ({_one_line(error)})") from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SnapshotError(f"{path}: invalid YAML ({_one_line(error)})") from None
    if not isinstance(loaded, list):
        raise SnapshotError(f"{path}: expected a YAML list of records, got {type(loaded).__name__}")
    for index, raw in enumerate(loaded):
        if not isinstance(raw, Mapping):
            raise SnapshotError(f"{path}: record {index}: expected a mapping of fields")
    return loaded


def doj_release(raw: Mapping[str, Any], where: str) -> DojRelease:
    """One snapshot DOJ record as the News API serves it (shape A)."""
    _known_fields(raw, DOJ_FIELDS, where)
    title = _text(raw, "title", where)
    day = _date(raw, "date", where)
    url = _text(raw, "url", where)
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != "www.justice.gov" or len(parts.path) < 2:
        raise SnapshotError(f"{where}: field 'url': expected https://www.justice.gov/<path>")
    number = _optional_text(raw, "number", where)
    components = _names(raw, "component", where, required=False)
    topics = _names(raw, "topic", where, required=False)
    teaser = _optional_text(raw, "teaser", where)
    page_only = raw.get("page_only", False)
    if not isinstance(page_only, bool):
        raise SnapshotError(f"{where}: field 'page_only': expected true or false")
    body = _text(raw, "body", where)
    published = datetime.combine(day, time(0), EASTERN)
    created = published + timedelta(hours=9, minutes=_stable(url, 600))
    changed = created + timedelta(days=_stable(url + "#changed", 40), minutes=_stable(url, 59))
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


def commission_document(raw: Mapping[str, Any], where: str) -> CommissionDocument:
    _known_fields(raw, EU_FIELDS, where)
    reference = _text(raw, "reference", where).strip()
    kind, _, rest = reference.partition("/")
    year, _, number = rest.partition("/")
    if kind not in COMMISSION_TYPES or not (len(year) == 2 and year.isdigit() and number.isdigit()):
        raise SnapshotError(
            f"{where}: field 'reference': expected TYPE/YY/NNNN with TYPE one of "
            f"{', '.join(COMMISSION_TYPES)}, got {reference!r}"
        )
    languages = _names(raw, "languages", where, required=True)
    if languages[0] != "en":
        raise SnapshotError(f"{where}: field 'languages': expected 'en' first")
    return CommissionDocument(
        reference=reference,
        day=_date(raw, "date", where),
        title=_text(raw, "title", where),
        subtitle=_optional_text(raw, "subtitle", where),
        lead=_text(raw, "lead", where),
        languages=tuple(code.lower() for code in languages),
        countries=tuple(_names(raw, "countries", where, required=False)),
        html=_text(raw, "html", where),
    )


def documents_response(document: CommissionDocument) -> dict[str, Any]:
    """The document as GET /api/documents?reference=...&language=en serves it."""
    published = datetime.combine(document.day, time(11, _stable(document.reference, 60)))
    return {
        "docuLanguageResource": {
            "title": document.title,
            "subtitle": document.subtitle,
            "htmlContent": document.html,
            "language": "EN",
            "attachmentResources": [],
            "linkResources": [],
            "original": True,
        },
        "refCd": document.reference,
        "eventDate": document.day.isoformat(),
        "publishDate": published.isoformat() + "Z",
        "docutypeResource": {
            "code": document.doc_type,
            "description": COMMISSION_TYPES[document.doc_type],
        },
        "contactsResource": [],
        "commissionerResource": [],
        "placeResource": {"description": "Brussels"},
        "policiesResource": [],
        "countriesResource": [{"description": name} for name in document.countries],
        "originalLanguage": "EN",
        "languages": [code.upper() for code in document.languages],
    }


def search_entry(document: CommissionDocument) -> dict[str, Any]:
    """The document as one row of GET /api/search's docuLanguageListResources."""
    return {
        "refCode": document.reference,
        "eventDate": document.day.isoformat(),
        "title": document.title,
        "leadText": document.lead,
        "docutype": {
            "code": document.doc_type,
            "description": COMMISSION_TYPES[document.doc_type],
        },
        "languageCode": "EN",
    }


def _known_fields(raw: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in raw if key not in known)
    if unknown:
        raise SnapshotError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _text(raw: Mapping[str, Any], field: str, where: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise SnapshotError(f"{where}: field {field!r}: expected non-empty text")
    return value


def _optional_text(raw: Mapping[str, Any], field: str, where: str) -> str | None:
    value = raw.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SnapshotError(f"{where}: field {field!r}: expected text or null")
    return value


def _date(raw: Mapping[str, Any], field: str, where: str) -> date:
    value = raw.get(field)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SnapshotError(f"{where}: field {field!r}: expected an ISO date (YYYY-MM-DD)")


def _names(raw: Mapping[str, Any], field: str, where: str, *, required: bool) -> list[str]:
    value = raw.get(field)
    if value is None and not required:
        return []
    if (
        not isinstance(value, list)
        or (required and not value)
        or not all(isinstance(name, str) and name.strip() for name in value)
    ):
        wanted = "a non-empty list of names" if required else "a list of names"
        raise SnapshotError(f"{where}: field {field!r}: expected {wanted}")
    return [name.strip() for name in value]


def _term(vocabulary: str, name: str) -> dict[str, str]:
    return {"uuid": str(uuid.uuid5(_NODE_NAMESPACE, f"{vocabulary}:{name}")), "name": name}


def _epoch(moment: datetime) -> str:
    return str(int(moment.timestamp()))


def _stable(key: str, modulus: int) -> int:
    """A number in [0, modulus) that depends only on `key` (hash() is salted per process)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % modulus


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
