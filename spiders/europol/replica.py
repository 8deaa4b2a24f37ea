"""Europol's part of the local replica: `/cms/api/node?url=<path>` for the newsroom listing
(paged through `search=page=<n>`) and for each news article, from snapshot/europol_newsroom.yaml.

Modelled on the public shapes (snapshot/README.md): a listing node whose
`lists[0].items` hold title, alias and published; an article node with id, title, alias,
published (Unix seconds), introduction, body, articleType, crimeAreas and navigation. Asking
past the last listing page answers the last page again, as the same CMS does on a sister site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from replica.reply import Reply, Request, html_reply, json_reply
from replica.snapshot import SnapshotError, read_records, refuse_duplicates
from spiders.europol.parsing import HAGUE, NEWS_PREFIX, NEWSROOM_PATH, NODE_API_PATH

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"
SNAPSHOT_FILE = "europol_newsroom.yaml"
SNAPSHOT_FILES = (SNAPSHOT_FILE,)  # for a snapshot directory holding some sources' files only
PAGE_PARAMETERS = ("search",)  # for the faults (replica/source.py): `search=page=<n>`
# How many articles one listing page holds (the live value is not known; see the docs).
NODES_PER_PAGE = 6
NEWSROOM_NODE_ID = 17
APP_SHELL = ("<!doctype html><html lang=\"en\"><head><title>Europol</title></head><body>"
             "<noscript>You need to enable JavaScript to run this app.</noscript>"
             "<div id=\"root\"></div></body></html>")


@dataclass(frozen=True)
class Article:
    id: int
    alias: str
    published: datetime
    title: str
    body: str
    introduction: str | None = None
    article_type: str | None = None
    crime_areas: tuple[str, ...] = ()
    encoding: str = "utf-8"

    @property
    def day(self) -> date:
        return self.published.astimezone(HAGUE).date()


def load_articles(snapshot_dir: Path | None = None) -> list[Article]:
    """The snapshot's articles, newest first. SnapshotError naming the entry when one is bad."""
    path = (Path(snapshot_dir) if snapshot_dir is not None else SNAPSHOT_DIR) / SNAPSHOT_FILE
    entries = read_records(path)
    articles = [_article(entry, f"{path.name}[{i}]") for i, entry in enumerate(entries)]
    refuse_duplicates([str(article.id) for article in articles], path, "id")
    return sorted(articles, key=lambda a: (a.published, a.id), reverse=True)


def _article(entry: Any, where: str) -> Article:
    if not isinstance(entry, dict):
        raise SnapshotError(f"{where}: expected a mapping")
    try:
        published = entry["published"]
        if not isinstance(published, datetime) or published.tzinfo is None:
            raise SnapshotError(f"{where}.published: expected a time with its UTC offset")
        return Article(
            id=int(entry["id"]),
            alias=NEWS_PREFIX + str(entry["slug"]),
            published=published,
            title=str(entry["title"]),
            body=str(entry["body"]),
            introduction=entry.get("introduction"),
            article_type=entry.get("article_type"),
            crime_areas=tuple(entry.get("crime_areas") or ()),
            encoding=entry.get("encoding", "utf-8"),
        )
    except KeyError as error:
        raise SnapshotError(f"{where}: {error.args[0]} is missing") from None


def listing_entry(article: Article) -> dict[str, Any]:
    return {"title": article.title, "alias": article.alias,
            "published": int(article.published.timestamp())}


def article_node(article: Article, older: Article | None, newer: Article | None) -> dict[str, Any]:
    """The node the API gives for one article. Optional parts the snapshot leaves out are left
    out of the node too (no key), as a missing field on the live site would be."""
    node: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "alias": article.alias,
        "published": int(article.published.timestamp()),
    }
    if article.introduction is not None:
        node["introduction"] = article.introduction
    node["body"] = article.body
    if article.article_type is not None:
        node["articleType"] = {"title": article.article_type}
    node["crimeAreas"] = [{"title": title} for title in article.crime_areas]
    node["navigation"] = {"previous": older.alias if older else None,
                          "next": newer.alias if newer else None}
    return node


def newsroom_node(articles: list[Article], page: int) -> dict[str, Any]:
    """Listing page `page` (from 1); past the last page, the last page again."""
    pages = max(1, -(-len(articles) // NODES_PER_PAGE))
    chosen = min(page, pages)
    shown = articles[(chosen - 1) * NODES_PER_PAGE:chosen * NODES_PER_PAGE]
    return {"id": NEWSROOM_NODE_ID, "title": "Newsroom", "alias": NEWSROOM_PATH,
            "lists": [{"items": [listing_entry(article) for article in shown]}]}


def _not_found(path: str) -> Reply:
    return json_reply({"status": 404, "message": f"No page found at {path}"}, 404)


@dataclass
class EuropolReplica:
    articles: list[Article]
    name: str = "europol"
    robots_disallow: tuple[str, ...] = ()
    # Serve the articles the snapshot records in a legacy codec in that codec, with no charset:
    # the crawl counts that (encoding_guessed), so the registry's well-behaved replica does not.
    legacy_codecs: bool = False
    _by_alias: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_alias = {article.alias: i for i, article in enumerate(self.articles)}

    def days(self) -> list[date]:
        return [article.day for article in self.articles]

    def answer(self, request: Request) -> Reply | None:
        if request.path == NODE_API_PATH:
            return self._node(request)
        if request.path in self._by_alias or request.path == NEWSROOM_PATH:
            return html_reply(APP_SHELL)  # the pages are the React application's empty shell
        if request.path.startswith(("/media-press/", "/cms/")):
            return html_reply(APP_SHELL, 404)
        return None

    def _node(self, request: Request) -> Reply:
        path = request.param("url") or ""
        if path == NEWSROOM_PATH:
            search = request.param("search") or ""
            page_text = search.removeprefix("page=") if search.startswith("page=") else "1"
            if not page_text.isdigit() or int(page_text) < 1:
                return json_reply({"status": 400, "message": f"Bad page {search!r}"}, 400)
            return json_reply(newsroom_node(self.articles, int(page_text)))
        index = self._by_alias.get(path)
        if index is None:
            return _not_found(path)
        article = self.articles[index]
        older = self.articles[index + 1] if index + 1 < len(self.articles) else None
        newer = self.articles[index - 1] if index > 0 else None
        node = article_node(article, older, newer)
        if self.legacy_codecs and article.encoding != "utf-8":
            # An old node served in a legacy codec with no charset: the crawler must cope.
            body = json.dumps(node, ensure_ascii=False).encode(article.encoding)
            return Reply(200, body, "application/json")
        return json_reply(node)


def replica(snapshot_dir: Path | None = None, *, legacy_codecs: bool = False) -> EuropolReplica:
    """The snapshot in `snapshot_dir` (default: the bundled one); SnapshotError for a bad file."""
    return EuropolReplica(load_articles(snapshot_dir), legacy_codecs=legacy_codecs)


# The fault hooks (replica/source.py). The newsroom announces no total, so nothing to inflate.

def listing_page(request: Request) -> int | None:
    if request.path != NODE_API_PATH or request.param("url") != NEWSROOM_PATH:
        return None
    search = request.param("search") or "page=1"
    number = search.removeprefix("page=")
    if not search.startswith("page=") or not number.isdigit() or int(number) < 1:
        return None
    return int(number) - 1


def is_document(request: Request) -> bool:
    return request.path == NODE_API_PATH and (request.param("url") or "").startswith(NEWS_PREFIX)


def listing_rows(payload: dict[str, Any]) -> list | None:
    lists = payload.get("lists")
    if not isinstance(lists, list) or not lists or not isinstance(lists[0], dict):
        return None
    rows = lists[0].get("items")
    return rows if isinstance(rows, list) else None
