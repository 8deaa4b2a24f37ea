"""Extraction measured like the tags: snippets that must and must not appear, their scores, the
gold files themselves, and the extractor's handling of page furniture it was tuned on."""

from pathlib import Path

import lxml.html
import pytest

from pipelines.evaluation.extraction import (
    KINDS,
    ExtractionPage,
    ExtractionScores,
    evaluate_extraction,
    load_extraction_sets,
    load_pages,
    normalise,
    score_extraction,
    score_page,
)
from pipelines.evaluation.gold import GoldSetError
from pipelines.evaluation.metrics import Counts
from pipelines.evaluation.runner import GOLD_DIR, SHARED_DIR
from pipelines.evaluation.scoring import floor_failures
from pipelines.extraction import extract_text

EP_PAGES = SHARED_DIR / "realdata" / "howtheyvote"


def page_source(path: Path) -> str:
    """Everything a page could show or leak: its text (scripts and styles included) and comments."""
    tree = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    return normalise(" ".join([tree.text_content(), *(c.text or "" for c in tree.xpath("//comment()"))]))


def page(must, must_not, kind="statement", path=Path("x.html")):
    return ExtractionPage("x.html", kind, path, None, tuple(must), tuple(must_not))


# --- scoring on hand-computed cases ------------------------------------------------------------

def test_a_page_scores_snippets_found_missed_and_leaked():
    text = "The release begins here.\n\n  It goes on\nover two lines. Privacy Policy"
    result = score_page(page(["release begins", "It goes on over two lines.", "never said"],
                             ["Privacy Policy", "Accept cookies"]), text)
    assert result.counts == Counts(tp=2, fp=1, fn=1)
    assert result.missed == ("never said",) and result.leaked == ("Privacy Policy",)
    assert score_page(page(["a b"], []), None).counts == Counts(tp=0, fp=0, fn=1)


def test_figures_over_pages():
    first = score_page(page(["one", "two"], ["menu", "footer"], kind="doj_page"), "one two menu")
    second = score_page(page(["three"], ["cookie"]), "three")
    scores = ExtractionScores((first, second))
    figures = scores.figures()
    # 3 of 3 must found; 1 of 3 boilerplate snippets kept
    assert figures["must_recall"] == 1.0 and figures["precision"] == pytest.approx(3 / 4)
    assert figures["must_not_excluded"] == pytest.approx(2 / 3)
    assert figures["f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert figures["f1_statement"] == 1.0 and figures["f1_doj_page"] == pytest.approx(2 * (2 / 3) / (5 / 3))


def test_whitespace_is_layout_not_content():
    assert normalise(" a\n\tb  c ") == "a b c"


def test_the_gate_fails_an_extractor_that_keeps_everything_or_nothing():
    floors = {"extraction.must_recall": 1.0, "extraction.must_not_excluded": 1.0, "extraction.f1": 1.0}
    sets, _ = load_extraction_sets(GOLD_DIR, SHARED_DIR)
    pages = [p for pages in sets.values() for p in pages]

    def whole_text(html, url):
        return lxml.html.document_fromstring(html).text_content()

    for extractor, failing in ((whole_text, "extraction.must_not_excluded"), (lambda html, url: "", "extraction.must_recall")):
        figures = {"extraction": score_extraction(pages, extractor).figures()}
        assert any(f.startswith(failing) for f in floor_failures(figures, floors, "combined"))


# --- the gold files ----------------------------------------------------------------------------

def test_own_pages_cover_every_kind_and_their_snippets_are_in_the_html():
    sets, _ = load_extraction_sets(GOLD_DIR, SHARED_DIR)
    own = sets["extraction_own"]
    kinds = {p.kind for p in own}
    assert kinds == KINDS - {"ep_page"} and len(own) >= 20
    assert sum(len(p.must_not) for p in own if p.kind == "doj_page") >= 50
    for p in own:
        source = page_source(p.path)
        # a snippet absent from the page could never be found (must) or never leak (must_not)
        assert [s for s in p.must + p.must_not if normalise(s) not in source] == [], p.name


@pytest.mark.skipif(not EP_PAGES.is_dir(), reason="../shared/realdata/howtheyvote is absent")
def test_real_parliament_snippets_are_in_their_pages():
    sets, skipped = load_extraction_sets(GOLD_DIR, SHARED_DIR)
    assert skipped == [] and len(sets["extraction_ep"]) == 5
    for p in sets["extraction_ep"]:
        source = page_source(p.path)
        assert [s for s in p.must + p.must_not if normalise(s) not in source] == [], p.name


def test_missing_shared_pages_are_skipped_with_a_reason(tmp_path):
    sets, skipped = load_extraction_sets(GOLD_DIR, tmp_path / "no-shared")
    assert list(sets) == ["extraction_own"] and "no-shared" in skipped[0]
    scores, _ = evaluate_extraction(GOLD_DIR, tmp_path / "no-shared", extract=lambda html, url: html)
    assert set(scores) == {"extraction_own", "extraction"}


@pytest.mark.parametrize("entry, message", [
    ("- file: a.html\n  kind: statement\n  must: [x]\n  must_not: [x]\n", "both required and forbidden: ['x']"),
    ("- file: a.html\n  kind: page\n  must: [x]\n  must_not: []\n", "field 'kind' must be one of"),
    ("- file: a.html\n  kind: statement\n  must: []\n  must_not: []\n", "at least one 'must' snippet"),
    ("- file: a.html\n  kind: statement\n  must: x\n  must_not: []\n", "field 'must' must be a list"),
    ("- file: gone.html\n  kind: statement\n  must: [x]\n  must_not: []\n", "no such page"),
    (("- file: a.html\n  kind: statement\n  must: [x]\n  must_not: []\n"
      "- file: a.html\n  kind: statement\n  must: [y]\n  must_not: []\n"), "page 2 (a.html): listed more than once"),
])
def test_malformed_snippet_files_are_refused_naming_file_and_page(tmp_path, entry, message):
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    snippets = tmp_path / "pages.yaml"
    snippets.write_text("pages:\n" + "\n".join("  " + line for line in entry.splitlines()) + "\n", encoding="utf-8")
    with pytest.raises(GoldSetError) as error:
        load_pages(snippets, tmp_path)
    assert str(snippets) in str(error.value) and message in str(error.value)
    snippets.write_text("just text\n", encoding="utf-8")
    with pytest.raises(GoldSetError, match="expected a mapping with a list under 'pages'"):
        load_pages(snippets, tmp_path)


# --- what the measurement changed in the extractor ------------------------------------------------

def whole_page(main, extra=""):
    return (f"<html><body><nav><a href='/'>Home</a> <a href='/news'>News Center</a></nav>{main}{extra}"
            "<footer><a href='/privacy'>Privacy Policy</a></footer></body></html>")


def test_the_justice_gov_body_container_is_the_release_even_when_teasers_share_its_markup():
    teaser = "<div class='teaser'><div class='field_body'><p>A teaser of another release.</p></div></div>"
    body = ("<div class='field_body'><p>“The United States welcomes the commitments made today to remove abuse "
            "images faster.”</p></div>")
    notice = ("<div class='notice-popup'><p>We use cookies to understand how visitors use this website and to "
              "remember your choices when they come back to read more of the news on this site.</p></div>")
    text = extract_text(whole_page(f"{teaser}<article>{body}</article>", notice))
    assert "The United States welcomes the commitments made today" in text
    assert "teaser of another release" not in text and "We use cookies" not in text
    assert "News Center" not in text and "Privacy Policy" not in text


def test_a_wrapper_named_after_a_widget_is_not_dropped_as_one():
    paragraphs = "".join(f"<p>Paragraph {n} of the release tells what the investigators found in the case "
                         f"and what the court decided about each of the defendants.</p>" for n in range(6))
    page_html = whole_page(f"<div class='page has-share-buttons'><article>{paragraphs}</article>"
                           "<div class='share-links'>Share on Facebook</div></div>")
    text = extract_text(page_html)
    assert "Paragraph 0 of the release" in text and "Paragraph 5 of the release" in text
    assert "Share on Facebook" not in text


def test_a_layout_table_gives_up_its_navigation_cells():
    nav = "".join(f"<tr><td><a href='/{n}'>Menu entry {n}</a></td></tr>" for n in range(6))
    release = ("<p>WASHINGTON – A former coach was sentenced today to 20 years in prison for producing images "
               "of the sexual abuse of two boys he trained.</p><p>The FBI investigated the case after a parent "
               "reported messages found on a phone.</p>")
    page_html = (f"<html><body><table><tr><td><table>{nav}</table></td><td>{release}</td></tr></table>"
                 "</body></html>")
    text = extract_text(page_html)
    assert "A former coach was sentenced today" in text and "reported messages found on a phone" in text
    assert "Menu entry" not in text
