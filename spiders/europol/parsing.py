"""Europol newsroom (www.europol.europa.eu): listing pages and news nodes into items.

The site is a React application over a Drupal back end; both read one JSON endpoint,
`/cms/api/node?url=<page path>`. For the newsroom page the node carries `lists[0].items`
(title, alias, published); for a news article it carries the article itself (id, title,
alias, published, body...). Where each field was confirmed is in snapshot/README.md;
every reading of these shapes is in this module, so a correction is one edit here.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from w3lib.html import remove_tags

from spiders.items import DocumentItem
from spiders.parsing.arguments import iso_date_argument
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
from spiders.registry import source

SOURCE = "europol"
LIVE_BASE_URL = source(SOURCE).live_base_url
NODE_API_PATH = "/cms/api/node"
NEWSROOM_PATH = "/media-press/newsroom"
NEWS_PREFIX = "/media-press/newsroom/news/"
# Before a redesign (the old form is still cited for a January 2021 release) the same articles
# lived under /newsroom/news/<slug>.
OLD_NEWS_PREFIX = "/newsroom/news/"
LISTING = "newsroom"
# `published` is a Unix time; Europol sits in The Hague, so its news is dated there (assumed).
HAGUE = ZoneInfo("Europe/Amsterdam")
# Without `since` the listing is read to its end.
EARLIEST = date.min
WATERMARK_MARGIN = timedelta(days=7)


@dataclass(frozen=True)
class ListedNews:
    alias: str  # the article's path, "/media-press/newsroom/news/<slug>"
    title: str
    published: str  # ISO date in The Hague


@dataclass(frozen=True)
class NewsroomPage:
    entries: list[ListedNews]  # as served: newest first


def crawl_window(since: str | None, until: str | None, watermark: str | None,
                 today: date) -> tuple[date, date]:
    """The publication window [start, end] the spider lists: from `since` (or a week before
    `watermark` when that is later) to `until` (default today). ValueError naming the argument."""
    start = iso_date_argument("since", since) or EARLIEST
    end = iso_date_argument("until", until) or today
    mark = iso_date_argument("watermark", watermark)
    if mark is not None:
        start = max(start, mark - WATERMARK_MARGIN)
    if start > end:
        raise ValueError(f"since ({start}) is after until ({end})")
    return start, end


def node_url(base_url: str, path: str, page: int | None = None) -> str:
    """The API address of one page path; `page` goes in `search`, the page's own query
    string, which is how the site's application passes paging to the CMS."""
    query: dict[str, str] = {"url": path}
    if page is not None:
        query["search"] = f"page={page}"
    return f"{base_url.rstrip('/')}{NODE_API_PATH}?{urlencode(query)}"


def listing_url(base_url: str, page: int) -> str:
    return node_url(base_url, NEWSROOM_PATH, page)


def public_url(alias: str) -> str:
    return f"{LIVE_BASE_URL}{alias}"


def document_aliases(alias: str) -> list[str]:
    """Every address of an article: today's and, for news, the one before the redesign."""
    names = {public_url(alias)}
    if alias.startswith(NEWS_PREFIX):
        names.add(public_url(OLD_NEWS_PREFIX + alias[len(NEWS_PREFIX):]))
    return sorted(names)


def published_day(value: Any, field: str) -> str:
    """`published` (Unix seconds, a number or a string of digits) as an ISO date in The Hague."""
    seconds = as_count(value, field)
    return datetime.fromtimestamp(seconds, HAGUE).date().isoformat()


def parse_newsroom(payload: Any) -> NewsroomPage:
    """One listing page: the newsroom node's first list. ShapeError naming the field otherwise."""
    node = as_mapping(payload, "(response)")
    if "lists" not in node:
        raise ShapeError("lists", "is missing")
    lists = as_list(node["lists"], "lists")
    if not lists:
        raise ShapeError("lists", "is empty")
    listing = as_mapping(lists[0], "lists[0]")
    if "items" not in listing:
        raise ShapeError("lists[0].items", "is missing")
    rows = as_list(listing["items"], "lists[0].items")
    return NewsroomPage([_listed(row, f"lists[0].items[{i}]") for i, row in enumerate(rows)])


def _listed(row: Any, field: str) -> ListedNews:
    row = as_mapping(row, field)
    if "published" not in row:
        raise ShapeError(f"{field}.published", "is missing")
    return ListedNews(
        alias=_alias(row, field),
        title=clean_title(required_text(row, "title", f"{field}.title")),
        published=published_day(row["published"], f"{field}.published"),
    )


def _alias(container: Mapping[str, Any], field: str) -> str:
    name = f"{field}.alias".lstrip(".")
    alias = required_text(container, "alias", name)
    if not alias.startswith("/") or any(c.isspace() for c in alias):
        raise ShapeError(name, f"expected a site path, got {describe(alias)}")
    return alias



def document_html(node: Mapping[str, Any]) -> str:
    """The article's HTML: its `body`, or its `introduction` when the body is empty (a short
    notice may carry its whole text there; whether live nodes do is not known). ShapeError when
    neither holds any."""
    body = optional_text(node, "body", "body")
    if body.strip():
        return body
    introduction = optional_text(node, "introduction", "introduction")
    if introduction.strip():
        return introduction
    raise ShapeError("body", "is missing or empty (and so is introduction)")


def node_id(node: Mapping[str, Any]) -> str:
    if "id" not in node:
        raise ShapeError("id", "is missing")
    return str(as_count(node["id"], "id"))


def document_item(payload: Any, *, fetch_url: str, fetched_at: datetime,
                  listed: ListedNews | None = None) -> DocumentItem:
    """The item of one article node. `listed` (its listing entry) must name the same alias."""
    node = as_mapping(payload, "(response)")
    identifier = node_id(node)
    alias = _alias(node, "")
    if listed is not None and alias != listed.alias:
        raise ShapeError("alias", f"expected {listed.alias!r} as listed, got {describe(alias)}")
    if "published" not in node:
        raise ShapeError("published", "is missing")
    published = published_day(node["published"], "published")
    body = document_html(node)
    standfirst = standfirst_of(node, body)
    return DocumentItem(
        source=SOURCE,
        source_id=identifier,
        url=public_url(alias),
        title=clean_title(required_text(node, "title", "title")),
        published=published,
        language="en",
        html=body,
        fetched_at=iso_utc(fetched_at),
        fetch_url=fetch_url,
        api=without_body(node),
        languages=["en"],
        aliases=document_aliases(alias),
        subtitle=standfirst,
    )


def standfirst_of(node: Mapping[str, Any], html_used: str) -> str | None:
    """The article's standfirst as one line: its `introduction`, else its `summary` (both
    optional HTML); None when neither holds text or it is the text already used as the body."""
    body_text = _plain(html_used)
    for key in ("introduction", "summary"):
        text = _plain(optional_text(node, key, key))
        if text and text != body_text:
            return text
    return None


def metadata(node: Mapping[str, Any]) -> dict[str, Any]:
    """The article's kind and crime areas, as plain values: `articleType.title` and every
    `crimeAreas[].title` (both optional; a wrong type is a ShapeError)."""
    kind = node.get("articleType")
    kind_title = ""
    if kind is not None:
        kind_title = optional_text(as_mapping(kind, "articleType"), "title", "articleType.title")
    areas = node.get("crimeAreas")
    titles = []
    for i, area in enumerate([] if areas is None else as_list(areas, "crimeAreas")):
        titles.append(required_text(as_mapping(area, f"crimeAreas[{i}]"), "title",
                                    f"crimeAreas[{i}].title"))
    return {"article_type": kind_title or None, "crime_areas": titles}


def without_body(node: Mapping[str, Any]) -> dict[str, Any]:
    """The node as served, minus the body HTML (the item carries it once, in `html`); reading
    `metadata` here makes a malformed type or crime area a ShapeError, not a silent oddity."""
    metadata(node)
    kept = copy.deepcopy(dict(node))
    kept.pop("body", None)
    return kept


def _plain(fragment: str) -> str:
    """A short HTML fragment (the introduction) as one line of text."""
    return clean_title(remove_tags(fragment))
