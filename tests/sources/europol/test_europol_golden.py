"""The Europol golden files: what the parsers make of recorded responses is what was recorded."""

from __future__ import annotations

import pytest

from spiders.europol.golden import GOLDEN_DIR, golden_cases

CASES = golden_cases()


def test_every_recorded_response_has_an_expectation_and_the_cases_cover_the_odd_ones():
    names = {case.name.removesuffix(".json") for case in CASES}
    recorded = {path.name.removesuffix(".expected.json") for path in GOLDEN_DIR.glob("*.json")
                if path.name.endswith(".expected.json")}
    assert names == recorded
    assert {"newsroom_page", "article_cp1252_no_charset", "article_empty_body",
            "article_no_type_no_introduction", "article_midnight_in_the_hague"} <= names


@pytest.mark.parametrize("case", CASES, ids=[case.name.removesuffix(".json") for case in CASES])
def test_parsers_make_of_each_recorded_response_what_was_recorded(case):
    assert case.actual == case.expected


def test_the_windows_1252_article_keeps_its_dash_and_quotes():
    case = next(case for case in CASES if case.name == "article_cp1252_no_charset.json")
    assert "–" in case.actual["title"] and "“every child found”" in case.actual["html"]
    assert b"\x96" in (GOLDEN_DIR / "article_cp1252_no_charset.json").read_bytes()
