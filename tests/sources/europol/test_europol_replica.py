"""The Europol replica's routes, asked directly (no HTTP)."""

from __future__ import annotations

import json
from datetime import date

from replica.reply import Request
from spiders.europol.parsing import document_item, parse_newsroom
from spiders.europol.replica import (
    NODES_PER_PAGE,
    is_document,
    listing_page,
    listing_rows,
    replica,
)
from spiders.parsing.encoding import decode_body

SOURCE = replica(legacy_codecs=True)  # as recorded: the old node in Windows-1252


def ask(path, **query):
    return SOURCE.answer(Request("GET", path, {k: [v] for k, v in query.items()}, {}, 1))


def listing(page):
    reply = ask("/cms/api/node", url="/media-press/newsroom", search=f"page={page}")
    assert reply.status == 200
    return parse_newsroom(json.loads(reply.body)).entries


def test_the_listing_pages_hold_every_article_once_newest_first_then_repeat_the_last():
    pages = -(-len(SOURCE.articles) // NODES_PER_PAGE)
    entries = [entry for page in range(1, pages + 1) for entry in listing(page)]
    assert [e.alias for e in entries] == [a.alias for a in SOURCE.articles]
    assert [e.published for e in entries] == sorted((e.published for e in entries), reverse=True)
    assert listing(pages + 1) == listing(pages) and listing(pages + 5) == listing(pages)
    assert ask("/cms/api/node", url="/media-press/newsroom").body == ask(
        "/cms/api/node", url="/media-press/newsroom", search="page=1").body
    assert ask("/cms/api/node", url="/media-press/newsroom", search="page=0").status == 400


def test_every_listed_article_has_a_node_the_parsers_read():
    for article in SOURCE.articles:
        reply = ask("/cms/api/node", url=article.alias)
        assert reply.status == 200
        decoded = decode_body(reply.body, reply.content_type)
        assert decoded.guessed == (article.encoding != "utf-8")
        node = json.loads(decoded.text)
        item = document_item(node, fetch_url="u", fetched_at=article.published)
        assert item.source_id == str(article.id) and item.title == article.title
        assert item.published == article.day.isoformat()


def test_the_registry_replica_serves_every_node_in_utf8_with_its_charset():
    served = replica()
    for article in served.articles:
        reply = served.answer(Request("GET", "/cms/api/node", {"url": [article.alias]}, {}, 1))
        assert reply.content_type == "application/json; charset=utf-8"
        assert not decode_body(reply.body, reply.content_type).guessed


def test_the_snapshot_has_what_the_crawl_tests_need():
    articles = SOURCE.articles
    assert len(articles) >= 20
    assert any(a.encoding == "cp1252" for a in articles)
    assert any(a.introduction is None and a.article_type is None for a in articles)
    assert any(not a.body for a in articles)
    assert any(a.day < date(2012, 6, 1) for a in articles)
    assert any(a.day > date(2016, 12, 31) for a in articles)
    assert sorted(SOURCE.days()) == sorted(a.day for a in articles)  # one per article


def test_navigation_links_each_article_to_its_neighbours():
    newest, second = SOURCE.articles[0], SOURCE.articles[1]
    node = json.loads(ask("/cms/api/node", url=second.alias).body)
    assert node["navigation"]["next"] == newest.alias
    assert node["navigation"]["previous"] == SOURCE.articles[2].alias
    assert json.loads(ask("/cms/api/node", url=newest.alias).body)["navigation"]["next"] is None


def test_unknown_paths_of_the_source_are_404_and_other_paths_are_not_its_own():
    missing = ask("/cms/api/node", url="/media-press/newsroom/news/no-such-article")
    assert missing.status == 404 and json.loads(missing.body)["status"] == 404
    assert ask("/media-press/newsroom/news/no-such-article").status == 404
    assert ask(SOURCE.articles[0].alias).status == 200  # the application's empty shell
    assert ask("/api/v1/press_releases.json") is None
    assert ask("/commission/presscorner/api/search") is None


def test_the_fault_hooks_find_its_listing_pages_documents_and_rows():
    def request(**query):
        return Request("GET", "/cms/api/node", {k: [v] for k, v in query.items()}, {}, 1)

    assert listing_page(request(url="/media-press/newsroom")) == 0
    assert listing_page(request(url="/media-press/newsroom", search="page=3")) == 2
    assert listing_page(request(url="/media-press/newsroom", search="page=0")) is None
    article = request(url=SOURCE.articles[0].alias)
    assert listing_page(article) is None and is_document(article)
    assert not is_document(request(url="/media-press/newsroom"))
    page = json.loads(ask("/cms/api/node", url="/media-press/newsroom").body)
    assert len(listing_rows(page)) == NODES_PER_PAGE
    assert listing_rows(json.loads(ask("/cms/api/node", url=SOURCE.articles[0].alias).body)) is None
    assert listing_rows({"results": []}) is None  # another source's listing
