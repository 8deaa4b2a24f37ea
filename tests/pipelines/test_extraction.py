"""Extraction keeps the release and drops the page around it; dates come only from the page itself."""

from datetime import date
from pathlib import Path

import pytest

from pipelines.extraction import extract_page_date, extract_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Office of Public Affairs | Example</title>
<meta property="article:published_time" content="2014-09-30T12:00:00-04:00"></head><body>
<div class="usa-banner">An official website of the United States government. Here's how you know.</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About the Department</a></li>
<li><a href="/news">News Center</a></li><li><a href="/jobs">Careers at Justice</a></li></ul></nav></header>
<main><article><h1>Ministers meet in Washington on child protection online</h1>
<div class="field field--name-field-pr-body"><p>WASHINGTON – Ministers from the member countries met today to
review the commitments each country made to protect children from sexual abuse online.</p>
<p>The ministers agreed to share more information on identified victims with partner agencies and to
support the work of national hotlines that remove abusive material from the internet.</p>
<p>"No country can fight this crime alone," the Attorney General said at the opening session.</p></div>
</article><aside class="related-content"><h2>Related Content</h2><ul><li><a href="/x">Justice Department
announces grant awards for rural broadband</a></li></ul></aside></main>
<footer><ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/foia">FOIA</a></li>
<li>Accessibility statement and Vulnerability Disclosure Policy</li></ul></footer></body></html>"""


def test_whole_page_keeps_body_and_drops_chrome():
    text = extract_text(PAGE)
    for must in ["Ministers from the member countries met today", "remove abusive material",
                 "No country can fight this crime alone"]:
        assert must in text
    for must_not in ["official website of the United States government", "Careers at Justice",
                     "rural broadband", "Privacy Policy", "Vulnerability Disclosure"]:
        assert must_not not in text


def test_page_date_comes_from_the_page_and_fragments_get_none():
    assert extract_page_date(PAGE) == date(2014, 9, 30)
    assert extract_page_date("<p>Undated statement of the Commissioner on the summit.</p>") is None


def test_fragment_keeps_every_paragraph_and_list_item():
    fragment = ("<p>BRUSSELS – The Commission welcomed the agreement.</p><ul><li>first measure on hotlines</li>"
                "<li>second measure on victim support</li></ul><p>Contact: press office.</p>")
    text = extract_text(fragment)
    for piece in ["The Commission welcomed the agreement.", "first measure on hotlines",
                  "second measure on victim support", "Contact: press office."]:
        assert piece in text


def test_very_short_statement_is_kept_and_empty_html_gives_none():
    assert extract_text("<p>Statement of the Attorney General on the summit.</p>") == \
        "Statement of the Attorney General on the summit."
    assert extract_text("") is None and extract_text("   ") is None and extract_text(None) is None


@pytest.mark.skipif(not (SHARED / "realdata" / "howtheyvote").is_dir(), reason="../shared/realdata/howtheyvote not present")
def test_real_parliament_pages_lose_menus_and_cookie_text():
    page = (SHARED / "realdata/howtheyvote/press-release_20221014IPR43206.html").read_text(encoding="utf-8")
    text = extract_text(page)
    assert "recharging stations every 60 km" in text
    assert "cookies" not in text.lower()
