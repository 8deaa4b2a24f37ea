"""The Europol parsers over plain data: every field read, every wrong shape named."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime

import pytest

from spiders.europol.archived import archived_html, archived_payload
from spiders.europol.parsing import (
    ListedNews,
    crawl_window,
    document_aliases,
    document_item,
    listing_url,
    metadata,
    node_url,
    parse_newsroom,
    published_day,
)
from spiders.parsing.shape import ShapeError

ALIAS = "/media-press/newsroom/news/operation-harbour-light-rescues-children"
# 2014-07-09 11:00 UTC, 13:00 in The Hague
PUBLISHED = 1404903600
NODE = {
    "id": 4699,
    "title": "Operation Harbour Light: children rescued &amp; 30 suspects\n held",
    "alias": ALIAS,
    "published": PUBLISHED,
    "introduction": "<p>The operation started from one <b>seized</b> hard drive.</p>",
    "body": "<p>Investigators in Austria, Belgium and Spain arrested 30 suspects.</p>",
    "articleType": {"title": "Press Release"},
    "crimeAreas": [{"title": "Child sexual exploitation"}, {"title": "Cybercrime"}],
    "navigation": {"previous": "/media-press/newsroom/news/older", "next": None},
}
FETCHED = datetime(2026, 12, 3, 4, 0, 5, tzinfo=UTC)
FETCH_URL = "http://127.0.0.1:9/cms/api/node?url=x"
LISTING = {
    "id": 17,
    "title": "Newsroom",
    "alias": "/media-press/newsroom",
    "lists": [{"items": [
        {"title": "Newer &amp; shorter", "alias": "/media-press/newsroom/news/a",
         "published": 1465200000},
        {"title": "Older", "alias": "/media-press/newsroom/news/b", "published": "1404903600"},
    ]}],
}


def item(node=NODE, **kwargs):
    return document_item(node, fetch_url=FETCH_URL, fetched_at=FETCHED, **kwargs)


def without(mapping, *path):
    changed = copy.deepcopy(mapping)
    target = changed
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return changed


def replaced(mapping, value, *path):
    changed = copy.deepcopy(mapping)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def test_an_article_node_gives_every_field_of_the_item():
    result = item()
    assert result.source == "europol"
    assert result.source_id == "4699"
    assert result.url == f"https://www.europol.europa.eu{ALIAS}"
    assert result.title == "Operation Harbour Light: children rescued & 30 suspects held"
    assert result.published == "2014-07-09"
    assert (result.language, result.languages) == ("en", ["en"])
    assert result.html == NODE["body"]
    assert result.fetched_at == "2026-12-03T04:00:05Z"
    assert result.fetch_url == FETCH_URL
    assert "body" not in result.api
    assert result.api["crimeAreas"] == NODE["crimeAreas"] and result.api["id"] == 4699
    assert result.aliases == [
        f"https://www.europol.europa.eu{ALIAS}",
        "https://www.europol.europa.eu/newsroom/news/operation-harbour-light-rescues-children",
    ]
    assert result.subtitle == "The operation started from one seized hard drive."


def test_the_publication_day_is_the_day_in_the_hague_not_in_utc():
    # 2013-01-10 23:20 UTC is 00:20 on the 11th in The Hague
    assert published_day(1357860000, "published") == "2013-01-11"
    assert published_day("1357860000", "published") == "2013-01-11"


def test_optional_parts_may_be_missing():
    bare = without(without(without(NODE, "introduction"), "articleType"), "crimeAreas")
    result = item(bare)
    assert result.subtitle is None and result.html == NODE["body"]
    assert metadata(bare) == {"article_type": None, "crime_areas": []}
    assert metadata(NODE) == {"article_type": "Press Release",
                              "crime_areas": ["Child sexual exploitation", "Cybercrime"]}


def test_the_summary_is_the_subtitle_when_there_is_no_introduction():
    node = replaced(without(NODE, "introduction"), "<p>In short: 30 held.</p>", "summary")
    assert item(node).subtitle == "In short: 30 held."
    assert item(replaced(node, None, "summary")).subtitle is None


def test_an_empty_body_is_replaced_by_the_introduction_which_is_then_no_subtitle():
    result = item(replaced(NODE, "", "body"))
    assert result.html == NODE["introduction"] and result.subtitle is None


@pytest.mark.parametrize(("node", "field"), [
    (without(NODE, "id"), "id"),
    (replaced(NODE, "4699a", "id"), "id"),
    (without(NODE, "title"), "title"),
    (replaced(NODE, "  ", "title"), "title"),
    (without(NODE, "alias"), "alias"),
    (replaced(NODE, "https://elsewhere/x", "alias"), "alias"),
    (without(NODE, "published"), "published"),
    (replaced(NODE, "9 July 2014", "published"), "published"),
    (replaced(NODE, 17.5, "published"), "published"),
    (replaced(replaced(NODE, "", "body"), None, "introduction"), "body"),
    (replaced(NODE, ["<p>x</p>"], "body"), "body"),
    (replaced(NODE, 3, "introduction"), "introduction"),
    (replaced(without(NODE, "introduction"), {"value": "x"}, "summary"), "summary"),
    (replaced(NODE, "Press Release", "articleType"), "articleType"),
    (replaced(NODE, 7, "articleType", "title"), "articleType.title"),
    (replaced(NODE, {"title": "x"}, "crimeAreas"), "crimeAreas"),
    (replaced(NODE, [{"name": "x"}], "crimeAreas"), "crimeAreas[0].title"),
    (["not", "a", "node"], "(response)"),
])
def test_a_wrong_or_missing_article_field_is_named(node, field):
    with pytest.raises(ShapeError) as raised:
        item(node)
    assert raised.value.field == field


def test_an_article_must_be_the_one_listed():
    listed = ListedNews("/media-press/newsroom/news/other", "Other", "2014-07-09")
    with pytest.raises(ShapeError) as raised:
        item(listed=listed)
    assert raised.value.field == "alias"
    assert item(listed=ListedNews(ALIAS, "x", "2014-07-09")).source_id == "4699"


def test_a_listing_page_gives_alias_title_and_day_of_each_entry_in_order():
    page = parse_newsroom(LISTING)
    assert page.entries == [
        ListedNews("/media-press/newsroom/news/a", "Newer & shorter", "2016-06-06"),
        ListedNews("/media-press/newsroom/news/b", "Older", "2014-07-09"),
    ]
    assert parse_newsroom(replaced(LISTING, [], "lists", 0, "items")).entries == []


@pytest.mark.parametrize(("payload", "field"), [
    (without(LISTING, "lists"), "lists"),
    (replaced(LISTING, [], "lists"), "lists"),
    (replaced(LISTING, {"items": []}, "lists"), "lists"),
    (replaced(LISTING, "x", "lists", 0), "lists[0]"),
    (without(LISTING, "lists", 0, "items"), "lists[0].items"),
    (replaced(LISTING, None, "lists", 0, "items"), "lists[0].items"),
    (replaced(LISTING, "x", "lists", 0, "items", 1), "lists[0].items[1]"),
    (without(LISTING, "lists", 0, "items", 1, "alias"), "lists[0].items[1].alias"),
    (without(LISTING, "lists", 0, "items", 0, "title"), "lists[0].items[0].title"),
    (without(LISTING, "lists", 0, "items", 1, "published"), "lists[0].items[1].published"),
    (replaced(LISTING, None, "lists", 0, "items", 1, "published"), "lists[0].items[1].published"),
    ("<html>", "(response)"),
])
def test_a_wrong_or_missing_listing_field_is_named(payload, field):
    with pytest.raises(ShapeError) as raised:
        parse_newsroom(payload)
    assert raised.value.field == field


def test_api_addresses_carry_the_page_path_and_its_paging_in_search():
    assert listing_url("http://h:1/", 3) == (
        "http://h:1/cms/api/node?url=%2Fmedia-press%2Fnewsroom&search=page%3D3")
    assert node_url("https://www.europol.europa.eu", "/media-press/newsroom/news/a") == (
        "https://www.europol.europa.eu/cms/api/node?url=%2Fmedia-press%2Fnewsroom%2Fnews%2Fa")


def test_only_news_has_an_old_address():
    assert document_aliases("/media-press/newsroom/news/a") == [
        "https://www.europol.europa.eu/media-press/newsroom/news/a",
        "https://www.europol.europa.eu/newsroom/news/a",
    ]
    assert document_aliases("/publications-events/x") == [
        "https://www.europol.europa.eu/publications-events/x"]


def test_the_crawl_window_starts_a_week_before_a_later_watermark():
    today = date(2026, 12, 3)
    assert crawl_window("2012-06-01", "2016-12-31", None, today) == (
        date(2012, 6, 1), date(2016, 12, 31))
    assert crawl_window("2012-06-01", None, "2016-06-08", today) == (date(2016, 6, 1), today)
    assert crawl_window("2016-06-05", None, "2016-06-08", today)[0] == date(2016, 6, 5)
    assert crawl_window(None, None, None, today)[0] < date(2010, 1, 1)
    with pytest.raises(ValueError, match="since"):
        crawl_window("2016-13-01", None, None, today)
    with pytest.raises(ValueError, match="after until"):
        crawl_window("2016-01-02", "2016-01-01", None, today)


def test_the_archive_rebuilds_the_html_the_spider_built():
    body = archived_payload("u", json.dumps(NODE).encode(), "application/json")
    assert archived_html(body, "4699", "u") == item().html
    assert archived_html(replaced(NODE, "", "body"), "4699", "u") == NODE["introduction"]
    assert archived_html(body, "4700", "u") is None
    assert archived_html(LISTING, "17", "u") is None  # a listing page holds no article
    assert archived_payload("u", b"<html>busy</html>", "text/html") is None
