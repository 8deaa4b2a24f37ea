"""spiders.eu.parsing on inline Press Corner payloads, good and bad."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from spiders.eu.parsing import (
    crawl_window,
    document_item,
    document_url,
    next_search_page,
    normalise_reference,
    parse_search,
    public_url,
    search_url,
    yearly_windows,
)
from spiders.parsing import ShapeError

FETCHED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

SEARCH = {
    "totalNumber": "3",
    "pageSize": 2,
    "pageNumber": 1,
    "docuLanguageListResources": [
        {"refCode": "IP/13/77", "eventDate": "2013-02-05", "title": "Energy &amp; climate",
         "leadText": "Lead one.", "docutype": {"code": "IP", "description": "Press release"},
         "languageCode": "EN"},
        {"refCode": "speech_13_80", "eventDate": "2013-02-06T00:00:00", "title": "A speech",
         "leadText": None, "docutype": {"code": "speech"}, "languageCode": "en"},
    ],
}

DOCUMENT = {
    "docuLanguageResource": {
        "title": "Commission welcomes the agreement",
        "subtitle": None,
        "htmlContent": "<p>Brussels, 5 February 2013</p><p>Text.</p>",
        "language": "EN",
        "attachmentResources": [],
        "linkResources": [],
        "original": True,
    },
    "refCd": "IP/13/77",
    "eventDate": "2013-02-05",
    "publishDate": "2013-02-05T11:00:00Z",
    "docutypeResource": {"code": "IP", "description": "Press release"},
    "languages": ["EN", "FR", {"code": "DE"}, "fr"],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IP/12/1308", "IP/12/1308"),
        (" ip_12_1308 ", "IP/12/1308"),
        ("https://europa.eu/rapid/press-release_IP-12-680_en.htm", "IP/12/680"),
        ("https://ec.europa.eu/commission/presscorner/detail/en/memo_12_944", "MEMO/12/944"),
        ("SPEECH / 12 / 0911", "SPEECH/12/911"),
        ("QANDA/14/640", "QANDA/14/640"),
    ],
)
def test_references_are_normalised(text, expected):
    assert normalise_reference(text) == expected


@pytest.mark.parametrize("text", ["", "IP/2012/5", "press release 12", "IP/12/"])
def test_text_without_reference_is_refused(text):
    with pytest.raises(ValueError, match="no Commission reference"):
        normalise_reference(text)


def test_public_url_uses_the_public_site_whatever_the_spelling():
    assert public_url("memo_12_944") == (
        "https://ec.europa.eu/commission/presscorner/detail/en/memo_12_944"
    )


def test_yearly_windows_cover_the_range_without_gaps_or_overlap():
    windows = yearly_windows(date(2012, 6, 1), date(2014, 3, 9))
    assert windows == [
        (date(2012, 6, 1), date(2012, 12, 31)),
        (date(2013, 1, 1), date(2013, 12, 31)),
        (date(2014, 1, 1), date(2014, 3, 9)),
    ]
    assert yearly_windows(date(2015, 1, 2), date(2015, 1, 1)) == []


def test_search_url_carries_dates_as_ddmmyyyy():
    url = search_url("http://127.0.0.1:1/commission/presscorner/", (date(2012, 6, 1),
                     date(2012, 12, 31)), 3, 100, "alliance")
    parts = urlsplit(url)
    assert parts.path == "/commission/presscorner/api/search"
    assert parse_qs(parts.query) == {
        "language": ["en"], "pagesize": ["100"], "pagenumber": ["3"],
        "datefrom": ["01062012"], "dateto": ["31122012"], "text": ["alliance"],
    }


def test_document_url_normalises_the_reference():
    url = document_url("http://h/commission/presscorner", "ip_12_1308")
    assert parse_qs(urlsplit(url).query) == {"reference": ["IP/12/1308"], "language": ["en"]}


def test_search_page_entries():
    page = parse_search(SEARCH)
    assert (page.total, page.page_size, page.page_number) == (3, 2, 1)
    first, second = page.entries
    assert (first.reference, first.event_date, first.title) == ("IP/13/77", "2013-02-05",
                                                                  "Energy & climate")
    assert (second.reference, second.event_date, second.lead) == ("SPEECH/13/80", "2013-02-06", "")
    assert second.doc_type == "SPEECH" and second.language == "en"


def test_search_paging_stops_when_total_is_covered_or_page_is_empty():
    page = parse_search(SEARCH)
    assert next_search_page(page, 1, 100) == 2  # 2 of 3 seen
    assert next_search_page(page, 2, 100) is None
    empty = parse_search({"totalNumber": 50, "docuLanguageListResources": []})
    assert next_search_page(empty, 1, 100) is None
    assert parse_search({"totalNumber": 0, "docuLanguageListResources": None}).entries == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ("<html>", "(response)"),
        ({"docuLanguageListResources": []}, "totalNumber"),
        ({"totalNumber": "lots"}, "totalNumber"),
        ({"totalNumber": 1, "docuLanguageListResources": {}}, "docuLanguageListResources"),
        ({"totalNumber": 1, "docuLanguageListResources": [7]}, "docuLanguageListResources[0]"),
        ({"totalNumber": 1, "docuLanguageListResources": [{"refCode": "no ref"}]},
         "docuLanguageListResources[0].refCode"),
        ({"totalNumber": 1, "docuLanguageListResources": [{"refCode": "IP/12/1", "title": 3}]},
         "docuLanguageListResources[0].title"),
    ],
)
def test_bad_search_shapes_name_the_field(payload, field):
    with pytest.raises(ShapeError) as raised:
        parse_search(payload)
    assert raised.value.field == field


def test_document_item():
    item = document_item(DOCUMENT, requested_reference="IP/13/77", fetch_url="http://h/d",
                         fetched_at=FETCHED)
    assert item.source == "eu" and item.source_id == "IP/13/77"
    assert item.url == "https://ec.europa.eu/commission/presscorner/detail/en/ip_13_77"
    assert item.published == "2013-02-05"
    assert item.language == "en"
    assert item.languages == ["en", "fr", "de"]
    assert item.html == "<p>Brussels, 5 February 2013</p><p>Text.</p>"
    assert "htmlContent" not in item.api["docuLanguageResource"]
    assert item.api["publishDate"] == "2013-02-05T11:00:00Z"
    assert "htmlContent" in DOCUMENT["docuLanguageResource"]  # the payload is left untouched
    assert item.subtitle is None


def test_a_speech_passes_on_its_subtitle():
    speech = {**DOCUMENT, "docuLanguageResource": {
        **DOCUMENT["docuLanguageResource"],
        "subtitle": "  Commissioner X –\nLaunch of the   conference "}}
    item = document_item(speech, requested_reference="SPEECH/12/911", fetch_url="u", fetched_at=FETCHED)
    assert item.subtitle == "Commissioner X – Launch of the conference"


def test_document_gaps_are_filled_from_the_search_entry():
    sparse = {"docuLanguageResource": {"htmlContent": None}}
    listed = parse_search(SEARCH).entries[0]
    item = document_item(sparse, requested_reference="ip_13_77", fetch_url="u",
                         fetched_at=FETCHED, listed=listed)
    assert (item.source_id, item.title, item.published, item.html) == (
        "IP/13/77", "Energy & climate", "2013-02-05", "")
    assert item.languages == ["en"]


@pytest.mark.parametrize("event_date", ["05/02/2013", "2013-13-45", None, 20130205])
def test_unreadable_event_date_gives_no_date(event_date):
    item = document_item({**DOCUMENT, "eventDate": event_date}, requested_reference="IP/13/77",
                         fetch_url="u", fetched_at=FETCHED)
    assert item.published is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"refCd": "IP/13/77"}, "docuLanguageResource"),
        ({"docuLanguageResource": {"title": ""}}, "docuLanguageResource.title"),
        ({"docuLanguageResource": {"title": "t", "htmlContent": {"p": 1}}},
         "docuLanguageResource.htmlContent"),
        ({"docuLanguageResource": {"title": "t"}, "refCd": 1308}, "refCd"),
        ({"docuLanguageResource": {"title": "t"}, "refCd": "unknown"}, "refCd"),
    ],
)
def test_bad_documents_name_the_field(payload, field):
    with pytest.raises(ShapeError) as raised:
        document_item(payload, requested_reference="IP/13/77", fetch_url="u", fetched_at=FETCHED)
    assert raised.value.field == field


def test_crawl_window_defaults_and_errors():
    assert crawl_window(None, None, date(2020, 5, 1)) == (date(2012, 6, 1), date(2020, 5, 1))
    assert crawl_window("2013-01-01", "2013-06-30", date(2020, 5, 1)) == (
        date(2013, 1, 1), date(2013, 6, 30))
    with pytest.raises(ValueError, match="since must be an ISO date"):
        crawl_window("01/01/2013", None, date(2020, 5, 1))
    with pytest.raises(ValueError, match="after until"):
        crawl_window("2014-01-01", "2013-01-01", date(2020, 5, 1))
