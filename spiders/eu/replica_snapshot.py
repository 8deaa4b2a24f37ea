"""The Commission snapshot (snapshot/README.md) as Press Corner documents: each hand-written or
generated record checked, a bad one a one-line SnapshotError naming file, record and field; and
the documents in the API's search and documents shapes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

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
EU_FILE = "eu_documents.yaml"
COMMISSION_TYPES = {
    "IP": "Press release",
    "MEMO": "Memo",
    "SPEECH": "Speech",
    "STATEMENT": "Statement",
    "QANDA": "Questions and answers",
}
EU_FIELDS = {
    "reference", "date", "title", "subtitle", "lead", "languages", "countries", "html"
}
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


def load_eu_documents(path: Path) -> list[CommissionDocument]:
    return [
        commission_document(raw, f"{path}: record {i}") for i, raw in enumerate(read_records(path))
    ]


def commission_document(raw: Mapping[str, Any], where: str) -> CommissionDocument:
    known_fields(raw, EU_FIELDS, where)
    reference = text(raw, "reference", where).strip()
    kind, _, rest = reference.partition("/")
    year, _, number = rest.partition("/")
    if kind not in COMMISSION_TYPES or not (len(year) == 2 and year.isdigit() and number.isdigit()):
        raise SnapshotError(
            f"{where}: field 'reference': expected TYPE/YY/NNNN with TYPE one of "
            f"{', '.join(COMMISSION_TYPES)}, got {reference!r}"
        )
    languages = names(raw, "languages", where, required=True)
    if languages[0] != "en":
        raise SnapshotError(f"{where}: field 'languages': expected 'en' first")
    return CommissionDocument(
        reference=reference,
        day=_date(raw, "date", where),
        title=text(raw, "title", where),
        subtitle=optional_text(raw, "subtitle", where),
        lead=text(raw, "lead", where),
        languages=tuple(code.lower() for code in languages),
        countries=tuple(names(raw, "countries", where, required=False)),
        html=text(raw, "html", where),
    )


def documents_response(document: CommissionDocument) -> dict[str, Any]:
    """The document as GET /api/documents?reference=...&language=en serves it."""
    published = datetime.combine(document.day, time(11, stable(document.reference, 60)))
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
