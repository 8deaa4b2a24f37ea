"""One document, many names: DOJ numbers and URLs as aliases; Commission references from any of
their addresses, old RAPID ones included."""

from __future__ import annotations

import pytest

from spiders.doj.parsing import release_aliases
from spiders.eu.references import (
    document_aliases,
    normalise_reference,
    rapid_url,
    reference_from_url,
)


@pytest.mark.parametrize(("url", "reference"), [
    ("https://europa.eu/rapid/press-release_IP-12-680_en.htm", "IP/12/680"),
    ("http://europa.eu/rapid/press-release_MEMO-12-944_fr.htm", "MEMO/12/944"),
    ("europa.eu/rapid/press-release_SPEECH-12-911_en.html", "SPEECH/12/911"),
    ("https://europa.eu/rapid/press-release_IP-14-0153_de.pdf", "IP/14/153"),
    ("https://ec.europa.eu/commission/presscorner/detail/en/ip_12_1308", "IP/12/1308"),
    ("https://ec.europa.eu/commission/presscorner/detail/de/qanda_15_6146", "QANDA/15/6146"),
    ("https://ec.europa.eu/commission/presscorner/api/documents?reference=IP/12/1308&language=en",
     "IP/12/1308"),
])
def test_reference_from_any_address(url, reference):
    assert reference_from_url(url) == reference


@pytest.mark.parametrize("url", [
    "https://europa.eu/rapid/search.htm?text=alliance",
    "https://www.justice.gov/opa/pr/2012/December/12-ag-1445.html",
    "https://ec.europa.eu/commission/presscorner/home/en",
    "https://example.org/rapid/press-release_IP-12-680_en.htm",
    "",
])
def test_other_addresses_are_refused_by_name(url):
    with pytest.raises(ValueError, match="not a Commission press-release URL"):
        reference_from_url(url)


def test_rapid_address_round_trips():
    for reference in ("IP/12/680", "MEMO/12/944", "STATEMENT/15/5301"):
        assert reference_from_url(rapid_url(reference)) == normalise_reference(reference)


def test_document_aliases_name_it_every_way():
    assert document_aliases("ip_12_1308") == sorted([
        "IP/12/1308",
        "https://ec.europa.eu/commission/presscorner/detail/en/ip_12_1308",
        "https://europa.eu/rapid/press-release_IP-12-1308_en.htm",
    ])


def test_release_aliases_keep_urls_and_number():
    record = {"url": "https://www.justice.gov/opa/pr/2012/December/12-ag-1445.html",
              "number": "12-1445"}
    assert release_aliases(record) == ["12-1445", record["url"]]
    seen = ["https://justice.gov/opa/pr/2012/December/12-ag-1445.html", record["url"], " "]
    assert release_aliases(record, seen) == ["12-1445", seen[0], record["url"]]


@pytest.mark.parametrize("number", [None, "", []])
def test_us_attorneys_releases_have_no_number(number):
    record = {"url": "https://www.justice.gov/usao-edva/pr/man-sentenced", "number": number}
    assert release_aliases(record) == [record["url"]]
