"""DOJ News API v1: listing pages and press-release records into items.

Accepts both known payload shapes (sources.md): shape A (counts as numbers, epoch-second
strings, null for empty values) and shape B (counts as strings, `<time>` HTML for created and
changed, "" for empty values, `justice.gov` without `www`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from spiders.items import DocumentItem
from spiders.parsing.arguments import whole_number_setting
from spiders.parsing.shape import (
    ShapeError,
    as_count,
    as_list,
    as_mapping,
    describe,
    optional_text,
    required_text,
)
from spiders.parsing.text import clean_title, iso_utc

# DOJ dates are US Eastern calendar days sent as the epoch second of their midnight.
EASTERN = ZoneInfo("America/New_York")
LISTING_PATH = "/api/v1/press_releases.json"
MAX_PAGESIZE = 50

_TIME_DATETIME = re.compile(r"""<time[^>]*\bdatetime\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ListingPage:
    """One page of the press-release listing."""

    results: list[Mapping[str, Any]]
    count: int
    pagesize: int | None  # as the server reports it; None when absent
    page: int | None


def listing_page_size(value: str | int | None) -> int:
    """The setting DOJ_PAGESIZE: releases per listing page, 1 to 50 (the API's largest);
    MAX_PAGESIZE when unset. ValueError naming the setting otherwise."""
    return whole_number_setting("DOJ_PAGESIZE", value, MAX_PAGESIZE, MAX_PAGESIZE)


def listing_url(base_url: str, page: int, pagesize: int = MAX_PAGESIZE, sort: str = "date") -> str:
    """A listing page, newest first by `sort` ("date" published, or "changed" revised)."""
    query = urlencode({"page": page, "pagesize": pagesize, "sort": sort, "direction": "DESC"})
    return f"{base_url.rstrip('/')}{LISTING_PATH}?{query}"


def parse_listing(payload: Any) -> ListingPage:
    """Read a listing response; raises ShapeError naming the field when the shape is unknown."""
    body = as_mapping(payload, "(response)")
    metadata = as_mapping(body.get("metadata"), "metadata")
    resultset = as_mapping(metadata.get("resultset"), "metadata.resultset")
    count = as_count(resultset.get("count"), "metadata.resultset.count")
    pagesize = _optional_count(resultset, "pagesize", "metadata.resultset.pagesize")
    page = _optional_count(resultset, "page", "metadata.resultset.page")
    results = as_list(body.get("results"), "results")
    for index, record in enumerate(results):
        as_mapping(record, f"results[{index}]")
    return ListingPage(results=results, count=count, pagesize=pagesize, page=page)


def next_page(listing: ListingPage, requested_page: int, requested_pagesize: int) -> int | None:
    """The page to ask for after `requested_page`, or None when the listing is exhausted.

    Stops on an empty page, or once the pages read cover `count`. The server's own pagesize
    counts when it reports one, because servers cap the pagesize they were asked for.
    """
    if not listing.results:
        return None
    pagesize = listing.pagesize or requested_pagesize
    following = requested_page + 1
    if following * pagesize >= listing.count:
        return None
    return following


def in_window(record: Mapping[str, Any], since: date | None, until: date | None) -> bool:
    """Whether a release's date falls in [since, until]; undated releases are kept."""
    day = published_date(record.get("date"))
    if day is None:
        return True
    return (since is None or day >= since.isoformat()) and (
        until is None or day <= until.isoformat()
    )


def published_date(value: Any) -> str | None:
    """The US Eastern calendar date of a DOJ `date` value, ISO formatted; None if unreadable.

    Accepts epoch seconds (number or string) and the `<time datetime="...">` HTML of shape B.
    """
    moment = _moment(value)
    return moment.astimezone(EASTERN).date().isoformat() if moment else None


def changed_moment(record: Mapping[str, Any]) -> datetime | None:
    """When the release was last revised (`changed`, either shape); None if unreadable."""
    return _moment(record.get("changed"))


def release_aliases(record: Mapping[str, Any], seen_urls: Iterable[str] = ()) -> list[str]:
    """The release's other names, sorted: its URL(s) and its number when it has one (US
    Attorneys' offices' releases have none)."""
    names = {url.strip() for url in (record.get("url"), *seen_urls)
             if isinstance(url, str) and url.strip()}
    number = record.get("number")
    if isinstance(number, str) and number.strip():
        names.add(number.strip())
    return sorted(names)


def page_url(base_url: str, public_url: str) -> str:
    """Where to fetch a release's page: the public URL's path on `base_url`."""
    parts = urlsplit(public_url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{base_url.rstrip('/')}{path}{query}"


def release_body(record: Mapping[str, Any]) -> str:
    """The record's HTML body; "" when the API carries none (the text is then only on the page)."""
    return optional_text(record, "body", "body")


def check_release(record: Any) -> tuple[str, str, str]:
    """(uuid, public url, title) of a record, or ShapeError before anything is fetched for it."""
    record = as_mapping(record, "(record)")
    uuid = required_text(record, "uuid", "uuid").strip()
    url = required_text(record, "url", "url").strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ShapeError("url", f"expected an absolute http(s) URL, got {describe(url)}")
    title = clean_title(required_text(record, "title", "title"))
    release_body(record)  # a body of the wrong type is a shape error even when a page is used
    return uuid, url, title


def release_item(
    record: Mapping[str, Any], *, html_text: str, fetch_url: str, fetched_at: datetime,
    seen_urls: Iterable[str] = (),
) -> DocumentItem:
    """Build the item for one API record whose html (body or page) has been fetched;
    `seen_urls`: other public URLs the release was met at (a page's canonical link)."""
    uuid, url, title = check_release(record)
    return DocumentItem(
        source="doj",
        source_id=uuid,
        url=url,
        title=title,
        published=published_date(record.get("date")),
        language="en",
        html=html_text,
        fetched_at=iso_utc(fetched_at),
        fetch_url=fetch_url,
        api={key: value for key, value in record.items() if key != "body"},
        languages=["en"],
        aliases=release_aliases(record, seen_urls),
    )


def _moment(value: Any) -> datetime | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    found = _TIME_DATETIME.search(text)
    if found and _from_iso(found.group(1)):
        return _from_iso(found.group(1))
    return _from_epoch_text(_TAG.sub("", text))


def _from_epoch_text(text: str) -> datetime | None:
    text = text.strip()
    return _from_epoch(int(text)) if re.fullmatch(r"-?\d{1,12}", text) else None


def _from_epoch(seconds: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    # A datetime without an offset is read as the DOJ's own (Eastern) time.
    return moment if moment.tzinfo else moment.replace(tzinfo=EASTERN)


def _optional_count(container: Mapping[str, Any], key: str, field: str) -> int | None:
    value = container.get(key)
    return None if value is None or value == "" else as_count(value, field)
