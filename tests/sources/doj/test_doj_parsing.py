"""spiders.doj.parsing on inline payloads of both News API shapes, and on shapes it must refuse."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.doj.parsing import (
    MAX_PAGESIZE,
    listing_page_size,
    next_page,
    page_url,
    parse_listing,
    published_date,
    release_body,
    release_item,
)
from spiders.parsing import ShapeError

FETCHED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

# Shape A: numbers as numbers, epoch strings, null for empty values.
SHAPE_A = {
    "metadata": {
        "responseInfo": {"status": 200, "developerMessage": "OK"},
        "resultset": {"count": 3, "pagesize": 2, "page": 0},
        "executionTime": 0.4,
    },
    "results": [
        {
            "uuid": "0b7a4c1e-0000-4000-8000-000000000001",
            "vuuid": "0b7a4c1e-0000-4000-8000-0000000000aa",
            "title": "Justice Department Settles Claim\r\nAgainst Widget &amp; Co.",
            "body": "<p>WASHINGTON – A settlement was reached.</p>",
            "teaser": None,
            "url": "https://www.justice.gov/opa/pr/2013/May/13-civ-555.html",
            # 2013-05-16 00:00 in New York is 04:00 UTC the same day.
            "date": "1368676800",
            "created": "1368700000",
            "changed": "1368800000",
            "number": "13-555",
            "component": [{"uuid": "c1", "name": "Civil Division"}],
            "topic": [],
            "attachment": [],
            "image": [],
        },
        {
            "uuid": "0b7a4c1e-0000-4000-8000-000000000002",
            "title": "US Attorney's Office Announces Charges",
            "body": "",
            "teaser": None,
            "url": "https://www.justice.gov/usao-ndga/pr/office-announces-charges?x=1",
            "date": "1420088400",  # 2015-01-01 00:00 EST = 05:00 UTC
            "number": None,
            "component": [],
            "topic": [],
            "attachment": [],
            "image": [],
        },
    ],
}

# Shape B: counts as strings, <time> HTML for created/changed, "" for empty values, no www.
SHAPE_B = {
    "metadata": {"resultset": {"count": "3", "pagesize": "2", "page": "1"}},
    "results": [
        {
            "uuid": "9e1d7f00-1111-4222-8333-444455556666",
            "title": "Deputy Attorney General Delivers Remarks",
            "body": "<p>Thank you.</p>",
            "teaser": "",
            "url": "https://justice.gov/opa/speech/deputy-attorney-general-delivers-remarks",
            "date": "1735794000",  # 2025-01-02 00:00 EST
            "created": '<time datetime="2025-01-02T10:00:00Z">1735812000</time>\n',
            "changed": '<time datetime="2025-01-03T10:00:00Z">1735898400</time>\n',
            "number": "",
            "component": [{"uuid": "c2", "name": "Office of the Deputy Attorney General"}],
            "topic": '<a href="/topics/cyber">Cybercrime</a>',
            "attachment": "",
            "image": "",
        }
    ],
}


def test_shape_a_listing_reads_count_pagesize_and_results():
    listing = parse_listing(SHAPE_A)
    assert (listing.count, listing.pagesize, listing.page) == (3, 2, 0)
    assert [r["uuid"][-1] for r in listing.results] == ["1", "2"]


def test_shape_b_listing_reads_string_counts():
    listing = parse_listing(SHAPE_B)
    assert (listing.count, listing.pagesize, listing.page) == (3, 2, 1)
    assert len(listing.results) == 1


def test_item_from_shape_a_record_keeps_public_url_and_eastern_date():
    item = release_item(SHAPE_A["results"][0], html_text="<p>x</p>", fetch_url="http://127.0.0.1/a",
                        fetched_at=FETCHED)
    assert item.source == "doj"
    assert item.source_id == "0b7a4c1e-0000-4000-8000-000000000001"
    assert item.url == "https://www.justice.gov/opa/pr/2013/May/13-civ-555.html"
    assert item.title == "Justice Department Settles Claim Against Widget & Co."
    assert item.published == "2013-05-16"
    assert item.language == "en" and item.languages == ["en"]
    assert item.fetched_at == "2026-01-02T03:04:05Z"
    assert "body" not in item.api and item.api["number"] == "13-555"


def test_item_from_shape_b_record():
    item = release_item(SHAPE_B["results"][0], html_text="<p>Thank you.</p>",
                        fetch_url="http://127.0.0.1/b", fetched_at=FETCHED)
    assert item.url == "https://justice.gov/opa/speech/deputy-attorney-general-delivers-remarks"
    assert item.published == "2025-01-02"
    assert item.api["topic"] == '<a href="/topics/cyber">Cybercrime</a>'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1368676800", "2013-05-16"),  # midnight EDT
        (1420088400, "2015-01-01"),  # midnight EST, given as a number
        ("1420088399", "2014-12-31"),  # one second earlier is still the previous Eastern day
        ('<time datetime="2025-01-02T03:00:00Z">1735786800</time>', "2025-01-01"),
        ("<time>1735812000</time>", "2025-01-02"),
        ("", None),
        (None, None),
        ("yesterday", None),
        ([], None),
    ],
)
def test_published_date_is_the_new_york_calendar_day(value, expected):
    assert published_date(value) == expected


def test_empty_body_means_the_page_must_be_fetched():
    assert release_body(SHAPE_A["results"][1]) == ""
    assert release_body({"body": None}) == ""


def test_page_url_moves_the_public_path_onto_the_crawled_base():
    public = SHAPE_A["results"][1]["url"]
    assert page_url("http://127.0.0.1:9000/", public) == (
        "http://127.0.0.1:9000/usao-ndga/pr/office-announces-charges?x=1"
    )


@pytest.mark.parametrize(
    ("count", "pagesize", "results", "page", "expected"),
    [
        (120, 50, 50, 0, 1),
        (120, 50, 50, 1, 2),
        (120, 50, 20, 2, None),  # 3 pages of 50 cover 120
        (100, 50, 50, 1, None),  # exactly covered
        (145012, 100, 100, 0, 1),  # the server's own pagesize counts (it ignored ours)
        (500, 50, 0, 3, None),  # an empty page ends the listing whatever count says
    ],
)
def test_next_page(count, pagesize, results, page, expected):
    payload = {
        "metadata": {"resultset": {"count": count, "pagesize": pagesize, "page": page}},
        "results": [{"uuid": str(i)} for i in range(results)],
    }
    assert next_page(parse_listing(payload), page, 50) == expected


def test_listing_page_size_setting():
    assert listing_page_size(None) == listing_page_size("") == MAX_PAGESIZE == 50
    assert listing_page_size("7") == 7 and listing_page_size(50) == 50


@pytest.mark.parametrize("value", ["0", "51", "ten", "-3"])
def test_bad_listing_page_size_is_named(value):
    with pytest.raises(ValueError, match="DOJ_PAGESIZE must be a whole number from 1 to 50"):
        listing_page_size(value)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ([], "(response)"),
        ({"results": []}, "metadata"),
        ({"metadata": {}, "results": []}, "metadata.resultset"),
        ({"metadata": {"resultset": {"count": "many"}}, "results": []}, "metadata.resultset.count"),
        ({"metadata": {"resultset": {"count": -1}}, "results": []}, "metadata.resultset.count"),
        ({"metadata": {"resultset": {"count": 1, "pagesize": "x"}}, "results": []},
         "metadata.resultset.pagesize"),
        ({"metadata": {"resultset": {"count": 1}}, "results": {"0": {}}}, "results"),
        ({"metadata": {"resultset": {"count": 1}}, "results": ["a"]}, "results[0]"),
    ],
)
def test_unknown_listing_shapes_name_the_field(payload, field):
    with pytest.raises(ShapeError) as raised:
        parse_listing(payload)
    assert raised.value.field == field
    assert field in str(raised.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"uuid": None}, "uuid"),
        ({"uuid": ""}, "uuid"),
        ({"title": 5}, "title"),
        ({"url": "/opa/pr/relative"}, "url"),
        ({"body": ["<p>"]}, "body"),
    ],
)
def test_bad_records_name_the_field(change, field):
    record = {**SHAPE_A["results"][0], **change}
    with pytest.raises(ShapeError) as raised:
        release_item(record, html_text="", fetch_url="", fetched_at=FETCHED)
    assert raised.value.field == field


def test_missing_field_is_reported_as_missing():
    record = {k: v for k, v in SHAPE_A["results"][0].items() if k != "url"}
    with pytest.raises(ShapeError, match="'url': is missing"):
        release_item(record, html_text="", fetch_url="", fetched_at=FETCHED)


def test_json_bodies_in_utf8_or_windows_1252():
    from spiders.parsing.shape import load_json

    assert load_json('{"t": "Département – ok"}'.encode()) == {"t": "Département – ok"}
    assert load_json('\ufeff{"a": 1}'.encode()) == {"a": 1}
    assert load_json('{"t": "Département – ok"}'.encode("cp1252")) == {"t": "Département – ok"}
    with pytest.raises(ShapeError, match="is not JSON"):
        load_json(b'{"results": [')
    with pytest.raises(ShapeError, match="is not JSON"):
        load_json(b"<html>Service Unavailable</html>")


def test_window_keeps_dated_releases_inside_and_undated_ones():
    from datetime import date

    from spiders.doj.parsing import in_window

    may_16 = SHAPE_A["results"][0]  # 2013-05-16 in New York
    assert in_window(may_16, date(2013, 5, 16), date(2013, 5, 16))
    assert not in_window(may_16, date(2013, 5, 17), None)
    assert not in_window(may_16, None, date(2013, 5, 15))
    assert in_window({**may_16, "date": "unreadable"}, date(2020, 1, 1), None)
