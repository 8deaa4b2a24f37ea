"""GOV.UK's golden cases: the parsers still make of each recorded response what was recorded."""

from __future__ import annotations

import json

import pytest

from spiders.govuk.golden import GOLDEN_DIR, golden_cases, parsed

CASES = golden_cases()


def test_every_recorded_response_has_an_expectation():
    recorded = {p.name for p in GOLDEN_DIR.glob("*.json") if not p.name.endswith(".expected.json")}
    assert {case.name for case in CASES} == recorded
    assert all(case.expected is not None for case in CASES)
    assert {"search_page.json", "content_press_release.json", "content_withdrawn_news_story.json",
            "content_welsh_translation.json", "content_world_news_story.json"} <= recorded


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_case(case):
    assert case.actual == case.expected


def test_the_cases_show_what_they_are_for():
    by_name = {case.name.removesuffix(".json"): case.expected for case in CASES}
    welsh = by_name["content_welsh_translation"]
    assert welsh["language"] == "cy" and welsh["languages"] == ["cy", "en"]
    assert welsh["url"].endswith(".cy") and len(welsh["aliases"]) == 2
    withdrawn = by_name["content_withdrawn_news_story"]
    assert withdrawn["api"]["withdrawn_notice"]["withdrawn_at"].startswith("2018-")
    world = by_name["content_world_news_story"]
    assert "organisations" not in world["api"]["links"] and world["subtitle"] is None
    assert world["published"] == "2015-07-01"  # 23:30 UTC on 30 June is 1 July in London
    assert all("body" not in case.expected.get("api", {}).get("details", {}) for case in CASES)


def test_a_changed_parse_is_caught():
    payload = json.loads((GOLDEN_DIR / "content_press_release.json").read_text(encoding="utf-8"))
    payload["title"] = "Another title"
    expected = next(case.expected for case in CASES if case.name == "content_press_release.json")
    assert parsed("content_press_release.json", payload) != expected
