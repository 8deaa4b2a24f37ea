"""European Commission Press Corner API: search pages and documents into items.

The shapes come from public client code, not from a stored response (sources.md), so every
reading of them is in this module: a correction is one edit here.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from spiders.eu.references import document_aliases, normalise_reference, public_url
from spiders.items import DocumentItem
from spiders.parsing.arguments import (
    codes_argument,
    distinct_texts,
    iso_date_argument,
    text_list_argument,
    whole_number_setting,
)
from spiders.parsing.shape import (
    ShapeError,
    as_count,
    as_list,
    as_mapping,
    describe,
    optional_text,
)
from spiders.parsing.text import clean_title, iso_utc

SEARCH_PAGESIZE = 100
# The Press Corner's document type codes (docutype.code) that the project reads.
DOCUMENT_TYPES = ("IP", "MEMO", "SPEECH", "STATEMENT", "QANDA")
QUERY_SEPARATOR = ";"
EVERYTHING = ""  # the query of a search without text: every document of the window


@dataclass(frozen=True)
class SearchEntry:
    reference: str
    event_date: str | None
    title: str
    lead: str
    doc_type: str
    language: str


@dataclass(frozen=True)
class SearchPage:
    total: int
    page_size: int | None
    page_number: int | None
    entries: list[SearchEntry]


def yearly_windows(since: date, until: date) -> list[tuple[date, date]]:
    """[since, until] cut at calendar years, both ends inclusive; empty when since > until."""
    windows = []
    start = since
    while start <= until:
        end = min(date(start.year, 12, 31), until)
        windows.append((start, end))
        start = date(start.year + 1, 1, 1)
    return windows


def search_url(
    base_url: str,
    window: tuple[date, date],
    page_number: int,
    page_size: int = SEARCH_PAGESIZE,
    text: str = EVERYTHING,
    types: tuple[str, ...] = (),
) -> str:
    """One page of a search; `types` (document type codes) go as one comma-separated
    `documentTypeCodes`, left out when empty (every type)."""
    query: dict[str, Any] = {
        "language": "en",
        "pagesize": page_size,
        "pagenumber": page_number,
        "datefrom": window[0].strftime("%d%m%Y"),
        "dateto": window[1].strftime("%d%m%Y"),
        "text": text,
    }
    if types:
        query["documentTypeCodes"] = ",".join(types)
    return f"{base_url.rstrip('/')}/api/search?{urlencode(query)}"


def search_queries(text: str | None, queries: str | None) -> tuple[str, ...]:
    """The texts to search for, from the spider's `text` (one query, kept for older callers) and
    `queries` (several, separated by ";"), each once; (EVERYTHING,) when neither names one."""
    listed = text_list_argument("queries", queries, QUERY_SEPARATOR)
    return distinct_texts((text or "", *listed)) or (EVERYTHING,)


def document_types(value: str | None) -> tuple[str, ...]:
    """The spider's `types` argument ("IP,MEMO"): known codes, upper case; () for every type."""
    return codes_argument("types", value, DOCUMENT_TYPES)


def search_page_size(value: str | int | None) -> int:
    """The setting PRESSCORNER_SEARCH_PAGESIZE: results per search page, 1 to 100 (the
    API's largest); SEARCH_PAGESIZE when unset. ValueError naming the setting otherwise."""
    return whole_number_setting("PRESSCORNER_SEARCH_PAGESIZE", value, SEARCH_PAGESIZE, SEARCH_PAGESIZE)


def listing_name(window: tuple[date, date], query: str) -> str:
    """How the ledger names one (window, query) search: its pages are one listing."""
    name = f"{window[0]}/{window[1]}"
    return f"{name} text={query}" if query else name


def of_wanted_type(entry: SearchEntry, types: tuple[str, ...]) -> bool:
    """Whether a listed document is of a requested type (every type when none was requested);
    the search is asked to filter, and this holds even if it does not."""
    return not types or entry.doc_type in types


def document_url(base_url: str, reference: str, language: str = "en") -> str:
    query = urlencode({"reference": normalise_reference(reference), "language": language})
    return f"{base_url.rstrip('/')}/api/documents?{query}"


def parse_search(payload: Any) -> SearchPage:
    body = as_mapping(payload, "(response)")
    if "totalNumber" not in body:
        raise ShapeError("totalNumber", "is missing")
    total = as_count(body["totalNumber"], "totalNumber")
    listed = body.get("docuLanguageListResources")
    rows = [] if listed is None else as_list(listed, "docuLanguageListResources")
    entries = [_search_entry(row, f"docuLanguageListResources[{i}]") for i, row in enumerate(rows)]
    return SearchPage(
        total=total,
        page_size=_optional_count(body.get("pageSize"), "pageSize"),
        page_number=_optional_count(body.get("pageNumber"), "pageNumber"),
        entries=entries,
    )


def next_search_page(page: SearchPage, requested_number: int, requested_size: int) -> int | None:
    """The page number to ask for next (they start at 1), or None when the search is exhausted."""
    if not page.entries:
        return None
    size = page.page_size or requested_size
    if requested_number * size >= page.total:
        return None
    return requested_number + 1


def document_item(
    payload: Any,
    *,
    requested_reference: str,
    fetch_url: str,
    fetched_at: datetime,
    listed: SearchEntry | None = None,
) -> DocumentItem:
    """Build the item for one /api/documents response; `listed` fills gaps from the search."""
    body = as_mapping(payload, "(response)")
    version = as_mapping(body.get("docuLanguageResource"), "docuLanguageResource")
    reference = _reference_of(body, requested_reference)
    title = optional_text(version, "title", "docuLanguageResource.title").strip()
    if not title and listed is not None:
        title = listed.title
    if not title:
        raise ShapeError("docuLanguageResource.title", "is missing or empty")
    language = optional_text(version, "language", "docuLanguageResource.language")
    language = language.strip().lower() or "en"
    event_date = _iso_date(body.get("eventDate"))
    if event_date is None and listed is not None:
        event_date = listed.event_date
    return DocumentItem(
        source="eu",
        source_id=reference,
        url=public_url(reference),
        title=clean_title(title),
        published=event_date,
        language=language,
        html=optional_text(version, "htmlContent", "docuLanguageResource.htmlContent"),
        fetched_at=iso_utc(fetched_at),
        fetch_url=fetch_url,
        api=_without_html(body),
        languages=_languages(body.get("languages"), language),
        aliases=document_aliases(reference),
        subtitle=" ".join(optional_text(version, "subtitle", "docuLanguageResource.subtitle").split()) or None,
    )


def _search_entry(row: Any, field: str) -> SearchEntry:
    row = as_mapping(row, field)
    ref_code = optional_text(row, "refCode", f"{field}.refCode")
    try:
        reference = normalise_reference(ref_code)
    except ValueError as error:
        raise ShapeError(f"{field}.refCode", str(error)) from None
    doctype = row.get("docutype")
    doc_type = ""
    if isinstance(doctype, Mapping):
        doc_type = optional_text(doctype, "code", f"{field}.docutype.code")
    return SearchEntry(
        reference=reference,
        event_date=_iso_date(row.get("eventDate")),
        title=clean_title(optional_text(row, "title", f"{field}.title")),
        lead=optional_text(row, "leadText", f"{field}.leadText"),
        doc_type=doc_type.upper() or reference.split("/")[0],
        language=optional_text(row, "languageCode", f"{field}.languageCode").lower() or "en",
    )


def _reference_of(body: Mapping[str, Any], requested: str) -> str:
    given = body.get("refCd")
    if given in (None, ""):
        return normalise_reference(requested)
    if not isinstance(given, str):
        raise ShapeError("refCd", f"expected text, got {describe(given)}")
    try:
        return normalise_reference(given)
    except ValueError as error:
        raise ShapeError("refCd", str(error)) from None


def _iso_date(value: Any) -> str | None:
    """eventDate is "YYYY-MM-DD" (sometimes with a time); None when absent or unreadable."""
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def _languages(value: Any, language: str) -> list[str]:
    """Language versions as lowercase codes; entries are codes or objects carrying one."""
    codes: list[str] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, Mapping):
            entry = entry.get("code") or entry.get("languageCode") or entry.get("language")
        if isinstance(entry, str) and entry.strip() and entry.strip().lower() not in codes:
            codes.append(entry.strip().lower())
    return codes or [language]


def _without_html(body: Mapping[str, Any]) -> dict[str, Any]:
    kept = copy.deepcopy(dict(body))
    version = kept.get("docuLanguageResource")
    if isinstance(version, dict):
        version.pop("htmlContent", None)
    return kept


def _optional_count(value: Any, field: str) -> int | None:
    return None if value is None or value == "" else as_count(value, field)


def crawl_window(since: str | None, until: str | None, today: date) -> tuple[date, date]:
    """The spider's date window from its `since`/`until` arguments (ISO dates, both optional)."""
    start = iso_date_argument("since", since) or date(2012, 6, 1)
    end = iso_date_argument("until", until) or today
    if start > end:
        raise ValueError(f"since ({start}) is after until ({end})")
    return start, end



def canonical_scope(arguments: dict[str, str]) -> dict[str, str]:
    """The scope arguments (`queries`, `types`) in one spelling, so "ip, memo" and "MEMO,IP" name
    one scope and share a watermark; empty arguments left out (every document)."""
    queries = arguments.get("queries", "")
    types = arguments.get("types", "")
    spelled = {
        "queries": QUERY_SEPARATOR.join(dict.fromkeys(
            query.strip() for query in queries.split(QUERY_SEPARATOR) if query.strip())),
        "types": ",".join(sorted({code.strip().upper() for code in types.split(",") if code.strip()})),
    }
    return {name: value for name, value in spelled.items() if value}
