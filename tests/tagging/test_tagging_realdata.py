"""The tagger over 100 real DOJ press releases (2009-2014) from ../shared/: general properties only."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from pipelines.tagging import TagInput

RELEASES = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "realdata"
    / "DOJ_Press_Release_ETL"
    / "doj_api_v1_press_releases_page0_pagesize100.json"
)
# Without any of these words a release cannot be about the sexual abuse of children.
CHILD_WORDS = re.compile(
    r"child|minor|juvenile|girl|boy|teen|year-old|years old|WePROTECT|Alliance", re.IGNORECASE
)


def plain_text(html: str) -> str:
    if not html or not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4"):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


@pytest.fixture(scope="module")
def releases() -> list[TagInput]:
    if not RELEASES.exists():
        pytest.skip(
            f"real DOJ releases not found at {RELEASES} (../shared/ is not beside the repo)"
        )
    items = json.loads(RELEASES.read_text(encoding="utf-8"))["results"]
    return [
        TagInput(
            id=item["uuid"],
            source="doj",
            title=item["title"],
            text=plain_text(item["body"]),
            published=datetime.fromtimestamp(int(item["date"]), UTC).date(),
        )
        for item in items
    ]


def test_relevance_needs_a_child_or_the_alliance(tagger, releases):
    results = [tagger.tag(doc) for doc in releases]
    assert any(r.relevant for r in results)
    for doc, result in zip(releases, results, strict=True):
        if result.relevant:
            assert any(CHILD_WORDS.search(ev.sentence) for ev in result.relevance_evidence), (
                doc.title
            )
        else:
            assert result.goals == []


def test_every_evidence_slices_its_field(tagger, releases):
    for doc in releases:
        result = tagger.tag(doc)
        fields = {"title": doc.title, "text": doc.text}
        evidence = [*result.relevance_evidence, *(g.evidence for g in result.goal_evidence)]
        evidence += [m.evidence for m in result.members if m.evidence is not None]
        for ev in evidence:
            assert fields[ev.field][ev.start : ev.end] == ev.sentence


def test_every_release_has_the_united_states_as_issuer(tagger, releases):
    for doc in releases:
        issuers = [m for m in tagger.tag(doc).members if m.how == "issuer"]
        assert [(m.code, m.member_on_date) for m in issuers] == [
            ("US", doc.published >= datetime(2012, 12, 5).date())
        ]
