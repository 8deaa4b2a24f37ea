"""GOV.UK: Search API pages and Content API items into DocumentItems (pure; no Scrapy).

The Search API (`/api/search.json`) lists news by organisation and document type, newest first;
the Content API (`/api/content<base_path>`) gives one item's body, dates and organisations.
Where each shape was confirmed: spiders/govuk/README.md. Every reading of those shapes is in
this module, so a correction is one edit here.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from spiders.items import DocumentItem
from spiders.parsing.arguments import iso_date_argument, whole_number_setting
from spiders.parsing.shape import (
    ShapeError,
    as_count,
    as_list,
    as_mapping,
    describe,
    optional_text,
    required_text,
)
from spiders.parsing.text import iso_utc

SOURCE = "govuk"
LIVE_BASE_URL = "https://www.gov.uk"
SEARCH_PATH = "/api/search.json"
CONTENT_PREFIX = "/api/content"
# Home Office, National Crime Agency, Ministry of Justice, and the Foreign Office under both of its
# names (Foreign & Commonwealth Office until September 2020, then FCDO).
ORGANISATIONS = (
    "home-office",
    "national-crime-agency",
    "ministry-of-justice",
    "foreign-commonwealth-development-office",
    "foreign-commonwealth-office",
)
DOCUMENT_TYPES = ("press_release", "news_story")
# The news_article schema's other document types, accepted by the `types` argument.
KNOWN_DOCUMENT_TYPES = (*DOCUMENT_TYPES, "world_news_story", "government_response")
SEARCH_COUNT = 100  # results asked for per search page
MAX_SEARCH_COUNT = 1500  # the Search API's largest `count`
# The fields a search page must carry for the spider; the API adds a few of its own to each.
SEARCH_FIELDS = ("content_id", "link", "title", "public_timestamp", "content_store_document_type")
LONDON = ZoneInfo("Europe/London")
FIRST_DAY = date(2012, 6, 1)  # default window start, as the other sources
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class SearchEntry:
    content_id: str
    link: str  # the base path, "/government/news/..."
    title: str
    day: str  # ISO date of public_timestamp (the day in London)
    document_type: str


@dataclass(frozen=True)
class SearchPage:
    total: int
    start: int
    entries: list[SearchEntry]


# -- the spider's arguments ------------------------------------------------------------------


def crawl_window(since: str | None, until: str | None, today: date) -> tuple[date, date]:
    """The publication window from the `since`/`until` arguments (ISO dates, both optional)."""
    start = iso_date_argument("since", since) or FIRST_DAY
    end = iso_date_argument("until", until) or today
    if start > end:
        raise ValueError(f"since ({start}) is after until ({end})")
    return start, end


def slugs_argument(name: str, value: str | None, default: tuple[str, ...],
                   allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Comma-separated lowercase slugs, each once, in the order given; `default` when absent.
    ValueError naming the argument for a malformed slug or (with `allowed`) an unknown one."""
    if value is None or not value.strip():
        return default
    slugs = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    if not slugs:
        raise ValueError(f"{name} must name at least one value between commas, got {value!r}")
    malformed = [slug for slug in slugs if not SLUG.fullmatch(slug.replace("_", "-"))]
    if malformed:
        raise ValueError(f"{name}: not a slug: {', '.join(malformed)} (in {value!r})")
    if allowed is not None:
        unknown = [slug for slug in slugs if slug not in allowed]
        if unknown:
            raise ValueError(f"{name} must be a comma-separated list of {', '.join(allowed)}; "
                             f"unknown: {', '.join(unknown)} (in {value!r})")
    return slugs


def organisations_argument(value: str | None) -> tuple[str, ...]:
    return slugs_argument("organisations", value, ORGANISATIONS)


def types_argument(value: str | None) -> tuple[str, ...]:
    return slugs_argument("types", value, DOCUMENT_TYPES, KNOWN_DOCUMENT_TYPES)


def canonical_scope(arguments: dict[str, str]) -> dict[str, str]:
    """The scope arguments (`organisations`, `types`) in one spelling, so "home-office" and
    " Home-Office ," name one scope and share a watermark: lowercase slugs, each once, sorted; an
    empty argument spelled as the default it stands for. ValueError naming a bad argument."""
    return {
        "organisations": ",".join(sorted(organisations_argument(arguments.get("organisations")))),
        "types": ",".join(sorted(types_argument(arguments.get("types")))),
    }


def search_count(value: str | int | None) -> int:
    """The setting GOVUK_SEARCH_COUNT: results per search page, 1 to 1500; SEARCH_COUNT when
    unset. ValueError naming the setting otherwise."""
    return whole_number_setting("GOVUK_SEARCH_COUNT", value, SEARCH_COUNT, MAX_SEARCH_COUNT)


# -- the search ------------------------------------------------------------------------------


def search_url(base_url: str, window: tuple[date, date], start: int, count: int,
               organisations: tuple[str, ...], types: tuple[str, ...]) -> str:
    """One page of the listing: the organisations' news of `types` whose public_timestamp falls
    in `window` (both days inclusive), newest first, `count` results from offset `start`.

    The date filter's days are UTC days, and a London summer day begins at 23:00 UTC the day
    before: the filter starts a day early, and `in_window` keeps the London days asked for."""
    since = window[0] - timedelta(days=1)
    query: list[tuple[str, str | int]] = [
        *(("filter_organisations", slug) for slug in organisations),
        *(("filter_content_store_document_type", kind) for kind in types),
        ("filter_public_timestamp", f"from:{since.isoformat()},to:{window[1].isoformat()}"),
        ("order", "-public_timestamp"),
        ("fields", ",".join(SEARCH_FIELDS)),
        ("count", count),
        ("start", start),
    ]
    return f"{base_url.rstrip('/')}{SEARCH_PATH}?{urlencode(query)}"


def yearly_windows(since: date, until: date) -> list[tuple[date, date]]:
    """[since, until] cut at calendar years, newest first, both ends inclusive.

    One search per year keeps `start` far below 10,000, where Elasticsearch stops paging by
    default (`max_result_window`; whether the Search API raises it is not confirmed)."""
    windows = []
    for year in range(until.year, since.year - 1, -1):
        windows.append((max(since, date(year, 1, 1)), min(until, date(year, 12, 31))))
    return windows


def listing_name(window: tuple[date, date]) -> str:
    """How the ledger names one yearly search (its pages are one listing)."""
    return f"search {window[0]}/{window[1]}"


def parse_search(payload: Any) -> SearchPage:
    body = as_mapping(payload, "(response)")
    if "total" not in body:
        raise ShapeError("total", "is missing")
    if "results" not in body:
        raise ShapeError("results", "is missing")
    rows = as_list(body["results"], "results")
    return SearchPage(
        total=as_count(body["total"], "total"),
        start=as_count(body.get("start", 0), "start"),
        entries=[_search_entry(row, f"results[{i}]") for i, row in enumerate(rows)],
    )


def next_start(page: SearchPage, requested_start: int, count: int) -> int | None:
    """The `start` of the next page, or None when the search is exhausted."""
    if not page.entries:
        return None
    following = requested_start + count
    return following if following < page.total else None


def all_before(page: SearchPage, day: date) -> bool:
    """Whether every entry of a (non-empty) page is dated before `day`."""
    return bool(page.entries) and all(entry.day < day.isoformat() for entry in page.entries)


def in_window(entry: SearchEntry, window: tuple[date, date]) -> bool:
    return window[0].isoformat() <= entry.day <= window[1].isoformat()


def _search_entry(row: Any, field: str) -> SearchEntry:
    row = as_mapping(row, field)
    link = required_text(row, "link", f"{field}.link").strip()
    if not link.startswith("/") or link.startswith("//"):
        raise ShapeError(f"{field}.link", f"expected a path on GOV.UK, got {describe(link)}")
    return SearchEntry(
        content_id=_content_id(row, f"{field}.content_id"),
        link=link,
        title=" ".join(optional_text(row, "title", f"{field}.title").split()),
        day=_day(row, "public_timestamp", f"{field}.public_timestamp"),
        document_type=optional_text(row, "content_store_document_type",
                                    f"{field}.content_store_document_type"),
    )


# -- one content item ------------------------------------------------------------------------


def content_url(base_url: str, link: str) -> str:
    """The Content API address of a base path ("/government/news/x")."""
    if not link.startswith("/"):
        raise ValueError(f"a content path starts with '/', got {link!r}")
    return f"{base_url.rstrip('/')}{CONTENT_PREFIX}{link}"


def public_url(base_path: str) -> str:
    return f"{LIVE_BASE_URL}{base_path}"


def document_item(payload: Any, *, fetch_url: str, fetched_at: datetime,
                  listed: SearchEntry | None = None) -> DocumentItem:
    """The item for one /api/content response. `listed`: the search entry it was fetched for;
    a content item of another content_id is a shape error (the listing would count it missing)."""
    body = as_mapping(payload, "(response)")
    content_id = _content_id(body, "content_id")
    if listed is not None and content_id != listed.content_id:
        raise ShapeError("content_id", f"is {content_id}, the search listed {listed.content_id}")
    base_path = required_text(body, "base_path", "base_path").strip()
    if not base_path.startswith("/"):
        raise ShapeError("base_path", f"expected a path, got {describe(base_path)}")
    locale = required_text(body, "locale", "locale").strip().lower()
    details = as_mapping(body.get("details"), "details")
    html = required_text(details, "body", "details.body")
    links = _links(body)
    _organisations(links)  # read only to check their shape; they stay in `api`
    translations = _translations(links)
    optional_text(body, "document_type", "document_type")
    if body.get("public_updated_at") is not None:
        _day(body, "public_updated_at", "public_updated_at")
    description = " ".join(optional_text(body, "description", "description").split())
    return DocumentItem(
        source=SOURCE,
        source_id=content_id,
        url=public_url(base_path),
        title=" ".join(required_text(body, "title", "title").split()),
        published=_day(body, "first_published_at", "first_published_at"),
        language=locale,
        html=html,
        fetched_at=iso_utc(fetched_at),
        fetch_url=fetch_url,
        api=without_body(body),
        languages=sorted({locale, *(locale for locale, _ in translations)}),
        aliases=sorted({public_url(base_path), *(public_url(path) for _, path in translations)}),
        subtitle=description or None,
    )


def organisations(payload: Mapping[str, Any]) -> list[dict[str, str]]:
    """The organisations a content item names: title, base_path and analytics_identifier."""
    return _organisations(_links(as_mapping(payload, "(response)")))


def without_body(body: Mapping[str, Any]) -> dict[str, Any]:
    """The item's metadata as received, less the body HTML (the item carries it as `html`)."""
    kept = copy.deepcopy(dict(body))
    details = kept.get("details")
    if isinstance(details, dict):
        details.pop("body", None)
    return kept


def _links(body: Mapping[str, Any]) -> Mapping[str, Any]:
    links = body.get("links")
    return {} if links is None else as_mapping(links, "links")


def _organisations(links: Mapping[str, Any]) -> list[dict[str, str]]:
    # A world news story may name worldwide organisations only: then there is no list at all.
    listed = links.get("organisations")
    rows = [] if listed is None else as_list(listed, "links.organisations")
    found = []
    for i, row in enumerate(rows):
        field = f"links.organisations[{i}]"
        row = as_mapping(row, field)
        found.append({
            "title": required_text(row, "title", f"{field}.title").strip(),
            "base_path": required_text(row, "base_path", f"{field}.base_path").strip(),
            "analytics_identifier": optional_text(row, "analytics_identifier",
                                                  f"{field}.analytics_identifier").strip(),
        })
    return found


def _translations(links: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(locale, base_path) of each version the item says exists, itself included."""
    listed = links.get("available_translations")
    rows = [] if listed is None else as_list(listed, "links.available_translations")
    found = []
    for i, row in enumerate(rows):
        field = f"links.available_translations[{i}]"
        row = as_mapping(row, field)
        locale = required_text(row, "locale", f"{field}.locale").strip().lower()
        path = required_text(row, "base_path", f"{field}.base_path").strip()
        if not path.startswith("/"):
            raise ShapeError(f"{field}.base_path", f"expected a path, got {describe(path)}")
        found.append((locale, path))
    return found


def _content_id(container: Mapping[str, Any], field: str) -> str:
    text = required_text(container, "content_id", field).strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise ShapeError(field, f"expected a UUID, got {describe(text)}") from None


def _day(container: Mapping[str, Any], key: str, field: str) -> str:
    """The calendar day in London of an ISO 8601 time ("2014-12-11T10:30:00.000+00:00", "...Z";
    UTC when it has no offset, as the Search API assumes): the day GOV.UK's pages show, also for
    a time given in UTC shortly before midnight in summer."""
    text = required_text(container, key, field).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ShapeError(field, f"expected an ISO 8601 time, got {describe(text)}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON).date().isoformat()
