"""Citations of one document, in plain text and BibTeX: plain functions over the document's facts and
its source's registry entry (who issues it: the title; where its reference number is: the entry's
[source.citation])."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from spiders.registry import SOURCES as REGISTERED
from spiders.registry import RegistryError
from spiders.registry import source as registered_source

ARCHIVE_DIR = "raw/warc"  # where the raw archive lives, beside the warehouse (warc_records.warc_file)


class CitationError(Exception):
    """No citation can be given; the message is one line saying why."""


@dataclass(frozen=True)
class Source:
    code: str
    issuer: str
    reference_from: str  # 'api_number': the source's API gives a release number; 'source_id': the id is one
    reference_label: str


@dataclass(frozen=True)
class CitedDocument:
    doc_id: str
    source: str
    source_id: str
    title: str | None
    published: date | None
    url: str | None
    release_number: str | None
    fetched_at: datetime | None
    warc_file: str | None
    warc_offset: int | None
    warc_sha256: str | None
    warc_record_id: str | None = None  # read from the archive file, when it is at hand

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CitedDocument:
        return cls(**{name: row.get(name) for name in cls.__dataclass_fields__})


def load_sources() -> dict[str, Source]:
    """Every registry source as citations name it."""
    return {entry.name: Source(entry.name, entry.title, entry.citation_reference_from,
                               entry.citation_label) for entry in REGISTERED}


def source_of(document: CitedDocument, sources: dict[str, Source]) -> Source:
    """The document's source among `sources`, else the registry's entry (its title the issuer, its
    source_id the reference number)."""
    if document.source in sources:
        return sources[document.source]
    try:
        issuer = registered_source(document.source).title
    except RegistryError:
        raise CitationError(f"source {document.source!r} of {document.doc_id} is not in the "
                            "registry (spiders/registry.toml)") from None
    return Source(document.source, issuer, "source_id", "")


def reference_number(document: CitedDocument, source: Source) -> str | None:
    """The number the issuer gives the document: IP/12/1308, or a DOJ release number (12-crm-1308)."""
    if source.reference_from == "source_id":
        return document.source_id
    return document.release_number or None


def archive_record(document: CitedDocument) -> str | None:
    if document.warc_file is None:
        return None
    where = f"{ARCHIVE_DIR}/{document.warc_file} at offset {document.warc_offset}"
    if document.warc_record_id:
        where = f"{document.warc_record_id} in {where}"
    return f"{where} (payload sha256 {document.warc_sha256})"


def as_text(document: CitedDocument, source: Source) -> str:
    """Issuer. "Title." Reference, date. URL (retrieved date; archive record; doc_id)."""
    parts = [f"{source.issuer}.", f"\u201c{_sentence(document.title or '(untitled)')}\u201d"]
    dated = [value for value in (_reference_text(document, source), _long_date(document.published)) if value]
    if dated:
        parts.append(", ".join(dated) + ".")
    if document.url:
        parts.append(document.url)
    notes = [f"retrieved {document.fetched_at.date().isoformat()}" if document.fetched_at else None,
             f"archive record {archive_record(document)}" if document.warc_file else None,
             f"alliance-tracker {document.doc_id}"]
    parts.append("(" + "; ".join(note for note in notes if note) + ").")
    return " ".join(parts)


def as_bibtex(document: CitedDocument, source: Source) -> str:
    """A @misc entry (BibTeX and biblatex read it); the key is the source and its id."""
    fields: list[tuple[str, str]] = [("author", "{" + _bibtex_escape(source.issuer) + "}"),
                                     ("title", "{" + _bibtex_escape(document.title or "(untitled)") + "}")]
    number = reference_number(document, source)
    if number:
        fields.append(("number", _bibtex_escape(number)))
    if document.published:
        fields += [("date", document.published.isoformat()), ("year", str(document.published.year)),
                   ("month", document.published.strftime("%b").lower())]
    if document.url:
        fields.append(("url", document.url))
    if document.fetched_at:
        fields.append(("urldate", document.fetched_at.date().isoformat()))
    note = [f"alliance-tracker document {document.doc_id}"]
    if document.warc_file:
        note.append(f"archive record {archive_record(document)}")
    fields.append(("note", _bibtex_escape("; ".join(note))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(document)},\n{body}\n}}"


def bibtex_key(document: CitedDocument) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", f"{document.source}_{document.source_id}").strip("_")


def _reference_text(document: CitedDocument, source: Source) -> str | None:
    number = reference_number(document, source)
    if number is None:
        return None
    return f"{source.reference_label} {number}" if source.reference_from == "api_number" else number


def _long_date(day: date | None) -> str | None:
    return None if day is None else f"{day.day} {day.strftime('%B')} {day.year}"


def _sentence(title: str) -> str:
    title = title.strip()
    return title if title.endswith((".", "?", "!")) else title + "."


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(character, character) for character in text)
