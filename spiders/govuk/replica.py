"""GOV.UK's part of the local replica: /api/search.json and /api/content/<base_path>.

The items come from snapshot/news.yaml; the Search API and Content API shapes they are served in
are described in snapshot/README.md. Like the real Search API, parameters are validated strictly
(an unknown one is a 422) and only English items are listed; translations are served by the
Content API at their own base path (`<base_path>.cy`) and named in the English item's links.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path
from typing import Any

from replica.reply import Reply, Request, json_reply
from spiders.govuk.parsing import CONTENT_PREFIX, LIVE_BASE_URL, LONDON, SEARCH_PATH
from spiders.govuk.replica_snapshot import ORGANISATIONS, NewsItem, Translation, load_news

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"
NEWS_FILE = "news.yaml"
SNAPSHOT_FILES = (NEWS_FILE,)
PAGE_PARAMETERS = ("start",)  # for the faults (replica/source.py)
DEFAULT_COUNT = 10
MAX_COUNT = 1500
SEARCH_PARAMETERS = {
    "q", "count", "start", "order", "fields", "c",
    "filter_organisations", "filter_content_store_document_type", "filter_format",
    "filter_public_timestamp",
}
# Fields a result may carry (`fields=`); the ones a result carries when none are asked for.
RESULT_FIELDS = ("content_id", "link", "title", "description", "public_timestamp",
                 "content_store_document_type", "format", "organisations", "is_withdrawn",
                 "world_locations")
DEFAULT_FIELDS = ("description", "link", "public_timestamp", "title", "format",
                  "content_store_document_type", "organisations")
SORTABLE = {"public_timestamp"}
NEWS_TYPES = {"press_release", "news_story", "world_news_story", "government_response"}

GOVERNMENTS = (  # (first day, slug, title) of the governments the snapshot's years fall in
    (date(2010, 5, 12), "2010-to-2015-conservative-and-liberal-democrat-coalition-government",
     "2010 to 2015 Conservative and Liberal Democrat coalition government"),
    (date(2015, 5, 8), "2015-conservative-government", "2015 Conservative government"),
)


class BadQuery(ValueError):
    pass


class GovukReplica:
    name = "govuk"
    # The two lines a third-party capture of www.gov.uk/robots.txt shows for every agent; neither
    # touches /api/ (snapshot/README.md).
    robots_disallow: tuple[str, ...] = ("/*/print$", "/search/all*")

    def __init__(self, items: list[NewsItem]) -> None:
        self.items = items
        self._by_path: dict[str, tuple[NewsItem, Translation | None]] = {}
        for item in items:
            self._by_path[item.base_path] = (item, None)
            for translation in item.translations:
                self._by_path[f"{item.base_path}.{translation.locale}"] = (item, translation)

    def days(self) -> list[date]:
        return sorted({item.published.astimezone(LONDON).date() for item in self.items})

    def answer(self, request: Request) -> Reply | None:
        if request.path == SEARCH_PATH:
            return self.search(request)
        if not request.path.startswith(f"{CONTENT_PREFIX}/"):
            return None
        found = self._by_path.get(request.path[len(CONTENT_PREFIX):])
        if found is None:
            # The content store answers an unknown path with an empty 404 (`head :not_found`).
            return Reply(404, b"", "application/json; charset=utf-8")
        return json_reply(content_item(found[0], found[1]))

    def search(self, request: Request) -> Reply:
        try:
            query = _search_query(request)
        except BadQuery as error:
            return json_reply({"error": str(error)}, 422)
        matching = [item for item in self.items if query.matches(item)]
        if query.order is not None:
            matching.sort(key=lambda item: (item.public_timestamp, item.base_path),
                          reverse=query.order.startswith("-"))
        chosen = matching[query.start:query.start + query.count]
        return json_reply({
            "results": [search_result(item, query.fields, rank)
                        for rank, item in enumerate(chosen, 1)],
            "total": len(matching),
            "start": query.start,
            "aggregates": {},
            "suggested_queries": [],
            "suggested_autocomplete": [],
            "es_cluster": "A",
        })


def replica(snapshot_dir: Path | None = None) -> GovukReplica:
    """GOV.UK's replica source, serving `snapshot_dir`/news.yaml (default: the bundled one).
    SnapshotError naming the file, record and field when it holds a bad record."""
    directory = Path(snapshot_dir) if snapshot_dir is not None else SNAPSHOT_DIR
    return GovukReplica(load_news(directory / NEWS_FILE))


# -- the faults' hooks (replica/source.py) ----------------------------------------------------


def listing_page(request: Request) -> int | None:
    """The 0-based search page asked for: `start` over `count` (the API's default count: 10)."""
    if request.path != SEARCH_PATH:
        return None
    start = request.param("start", "0") or "0"
    count = request.param("count", str(DEFAULT_COUNT)) or str(DEFAULT_COUNT)
    if not (start.isdigit() and count.isdigit() and int(count) > 0):
        return None
    return int(start) // int(count)


def is_document(request: Request) -> bool:
    return request.path.startswith(f"{CONTENT_PREFIX}/")


def listing_rows(payload: dict[str, Any]) -> list | None:
    rows = payload.get("results")
    return rows if isinstance(rows, list) else None


def announce_more(payload: dict[str, Any], extra: int) -> None:
    if isinstance(payload.get("total"), int):
        payload["total"] += extra


# -- the Search API --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    count: int
    start: int
    order: str | None
    fields: tuple[str, ...]
    organisations: frozenset[str]
    types: frozenset[str]
    formats: frozenset[str]
    since: date | None
    until: date | None

    def matches(self, item: NewsItem) -> bool:
        day = item.public_timestamp.astimezone(UTC).date()  # the API's filters are in UTC
        return ((not self.organisations or bool(self.organisations & set(item.organisations)))
                and (not self.types or item.document_type in self.types)
                and (not self.formats or _format(item) in self.formats)
                and (self.since is None or day >= self.since)
                and (self.until is None or day <= self.until))


def _search_query(request: Request) -> SearchQuery:
    values = {name.removesuffix("[]"): [] for name in request.query}
    for name, given in request.query.items():
        values[name.removesuffix("[]")].extend(given)
    unknown = sorted(set(values) - SEARCH_PARAMETERS)
    if unknown:
        raise BadQuery(f"Unexpected parameters: {', '.join(unknown)}")
    order = _single(values, "order")
    if order is not None and order.lstrip("-") not in SORTABLE:
        raise BadQuery(f'"{order.lstrip("-")}" is not a valid sort field')
    fields = tuple(name for given in values.get("fields", []) for name in given.split(",") if name)
    wrong = [name for name in fields if name not in RESULT_FIELDS]
    if wrong:
        raise BadQuery(f"Some requested fields are not valid return fields: {wrong}")
    since, until = _date_range(_single(values, "filter_public_timestamp"))
    return SearchQuery(
        count=min(_whole(_single(values, "count"), "count", DEFAULT_COUNT), MAX_COUNT),
        start=_whole(_single(values, "start"), "start", 0),
        order=order,
        fields=fields or DEFAULT_FIELDS,
        organisations=frozenset(values.get("filter_organisations", [])),
        types=frozenset(values.get("filter_content_store_document_type", [])),
        formats=frozenset(values.get("filter_format", [])),
        since=since,
        until=until,
    )


def _single(values: dict[str, list[str]], name: str) -> str | None:
    given = values.get(name, [])
    if len(given) > 1:
        raise BadQuery(f"Multiple values are not allowed for {name}")
    return given[0] if given else None


def _whole(text: str | None, name: str, default: int) -> int:
    if text is None or text == "":
        return default
    if not text.isdigit():
        raise BadQuery(f'Invalid value "{text}" for parameter "{name}" (expected positive integer)')
    return int(text)


def _date_range(text: str | None) -> tuple[date | None, date | None]:
    """`from:2014-01-01,to:2014-12-31` (either part optional; a time after the day is ignored)."""
    if text is None:
        return None, None
    bounds: dict[str, date] = {}
    for part in text.split(","):
        key, _, value = part.partition(":")
        if key not in ("from", "to") or key in bounds:
            raise BadQuery(f"Invalid date filter {text!r}")
        try:
            bounds[key] = date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise BadQuery(f"Invalid date in filter {text!r}") from None
    return bounds.get("from"), bounds.get("to")


def search_result(item: NewsItem, fields: tuple[str, ...], rank: int) -> dict[str, Any]:
    """One result as the Search API presents it: the fields asked for, then the ones it adds to
    every result (index, scores, _id, elasticsearch_type, document_type)."""
    every = {
        "content_id": item.content_id,
        "link": item.base_path,
        "title": item.title,
        "description": item.description,
        "public_timestamp": item.public_updated_at,
        "content_store_document_type": item.document_type,
        "format": _format(item),
        "organisations": [_search_organisation(slug) for slug in item.organisations],
        "is_withdrawn": item.withdrawn is not None,
        "world_locations": [{"title": name, "slug": _slug(name)} for name in item.world_locations],
    }
    result = {name: every[name] for name in fields}
    result.update({
        "index": "govuk",
        "es_score": None,
        "model_score": None,
        "original_rank": None,
        "combined_score": None,
        "_id": item.base_path,
        "elasticsearch_type": _format(item),
        "document_type": _format(item),
    })
    return result


def _format(item: NewsItem) -> str:
    return "news_article" if item.document_type in NEWS_TYPES else item.document_type


def _search_organisation(slug: str) -> dict[str, Any]:
    title, acronym = ORGANISATIONS[slug]
    return {"slug": slug, "title": title, "acronym": acronym,
            "link": f"/government/organisations/{slug}", "content_id": _made_up_id(slug),
            "organisation_state": "live"}


# -- the Content API -------------------------------------------------------------------------


def content_item(item: NewsItem, translation: Translation | None = None) -> dict[str, Any]:
    """The /api/content answer for an item, or for one of its translations."""
    locale = translation.locale if translation else "en"
    base_path = f"{item.base_path}.{locale}" if translation else item.base_path
    links: dict[str, Any] = {
        "government": [_government(item.published.date())],
        "organisations": [_content_organisation(slug) for slug in item.organisations],
        "primary_publishing_organisation": [_content_organisation(item.organisations[0])],
    }
    if item.world_locations:
        links["world_locations"] = [
            {"content_id": _made_up_id(name), "title": name, "locale": "en",
             "schema_name": "world_location", "analytics_identifier": f"WL{len(name)}"}
            for name in item.world_locations]
    if item.translations:
        versions = [("en", item.title, item.base_path)] + [
            (t.locale, t.title, f"{item.base_path}.{t.locale}") for t in item.translations]
        links["available_translations"] = [
            {"content_id": item.content_id, "title": title, "locale": code,
             **_addresses(path)} for code, title, path in versions]
    payload: dict[str, Any] = {
        "analytics_identifier": None,
        "base_path": base_path,
        "content_id": item.content_id,
        "description": translation.description if translation else item.description,
        "document_type": item.document_type,
        "first_published_at": item.first_published_at,
        "locale": locale,
        "public_updated_at": item.public_updated_at,
        "publishing_app": "whitehall",
        "rendering_app": "frontend",
        "schema_name": "news_article" if item.document_type in NEWS_TYPES else item.document_type,
        "title": translation.title if translation else item.title,
        "updated_at": item.public_updated_at,
        "links": links,
        "details": {
            "body": translation.body if translation else item.body,
            "first_public_at": item.first_published_at,
            "change_history": [{"public_timestamp": item.first_published_at,
                                "note": "First published."}],
            "emphasised_organisations": [_made_up_id(item.organisations[0])],
            "political": False,
            "government": {key: value for key, value in _government(item.published.date()).items()
                           if key in ("title", "slug", "current")},
        },
    }
    if item.withdrawn is not None:
        payload["withdrawn_notice"] = {"explanation": item.withdrawn["explanation"],
                                       "withdrawn_at": item.withdrawn["at"]}
    return payload


def _content_organisation(slug: str) -> dict[str, Any]:
    title, acronym = ORGANISATIONS[slug]
    return {"content_id": _made_up_id(slug), "title": title, "locale": "en",
            "analytics_identifier": f"D{sum(map(ord, acronym)) % 1000}",
            "document_type": "organisation", "schema_name": "organisation",
            **_addresses(f"/government/organisations/{slug}"),
            "details": {"acronym": acronym, "organisation_govuk_status": "live"}}


def _government(day: date) -> dict[str, Any]:
    started, slug, title = [g for g in GOVERNMENTS if g[0] <= day][-1]
    return {"content_id": _made_up_id(slug), "title": title, "locale": "en",
            "document_type": "government", "schema_name": "government",
            **_addresses(f"/government/{slug}"),
            "slug": slug, "current": False,
            "details": {"started_on": f"{started.isoformat()}T00:00:00+00:00", "current": False}}


def _addresses(base_path: str) -> dict[str, str]:
    return {"api_path": f"{CONTENT_PREFIX}{base_path}", "base_path": base_path,
            "api_url": f"{LIVE_BASE_URL}{CONTENT_PREFIX}{base_path}",
            "web_url": f"{LIVE_BASE_URL}{base_path}"}


def _made_up_id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"replica:govuk:{name}"))


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


# -- the snapshot ----------------------------------------------------------------------------
