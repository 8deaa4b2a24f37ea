"""Clean text and a fallback date from a document's HTML (pure; trafilatura and htmldate)."""

from __future__ import annotations

import re
from datetime import date

import htmldate
import lxml.html
import trafilatura
from lxml import etree

EXTRACTOR_VERSION = f"trafilatura-{trafilatura.__version__}/2"

# A whole page carries navigation, footers and related links that must not reach the tagger;
# an API body or Press Corner htmlContent is only the release itself.
_WHOLE_PAGE = re.compile(r"<\s*(html|body|nav|header|footer)\b", re.IGNORECASE)

# Where justice.gov keeps the release in a whole page (2018 and 2023 Drupal markups, see
# ../shared/domain/sources.md). Measured on tests/gold/extraction: on these pages trafilatura alone
# kept related-content teasers and, on a one-sentence release, the banner, feedback form and
# cookie notice; the container alone is the release.
_RELEASE_BODY = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' field--name-field-pr-body ')]"
                 " | //*[contains(concat(' ', normalize-space(@class), ' '), ' field_body ')]")

# Other whole pages: page furniture that trafilatura's own cleaning let through in the measurement
# (cookie and consent notices, government banners, feedback forms, related content, share buttons,
# press contacts), recognised by class or id.
_FURNITURE_WORDS = ("cookie", "consent", "gov-banner", "usa-banner", "feedback", "related", "share",
                    "social", "breadcrumb", "skip", "contacts")
_FURNITURE = " | ".join(
    f"//*[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{word}')"
    f" or contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{word}')]"
    for word in _FURNITURE_WORDS
)
# Furniture is small: an element holding more of the page's text than this is a wrapper.
_MAX_FURNITURE_SHARE = 0.4
# A table whose cells hold paragraphs or other tables lays out a page (pre-2009 justice.gov): as a
# table, trafilatura keeps its navigation cells with the release; as blocks, it can drop them.
_LAYOUT_TABLE = "//table[.//td//p or .//td//table or .//td//div or .//th//p]"


def is_whole_page(html: str) -> bool:
    return bool(_WHOLE_PAGE.search(html[:20000]))


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _text_length(element: lxml.html.HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))


def _release_body(tree: lxml.html.HtmlElement) -> str | None:
    """The HTML of the release container of a justice.gov page, when it holds text. The longest
    one: teasers of related releases may use the same field markup."""
    found = [(_text_length(e), e) for e in tree.xpath(_RELEASE_BODY)]
    length, element = max(found, key=lambda pair: pair[0], default=(0, None))
    return lxml.html.tostring(element, encoding="unicode") if length else None


def _without_furniture(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    page_length = _text_length(tree)
    for element in tree.xpath(_FURNITURE):
        # a wrapper named after a widget it holds (class="page has-share-buttons") is no widget
        if element.getparent() is None or element.tag in ("html", "body"):
            continue
        if _text_length(element) <= _MAX_FURNITURE_SHARE * page_length:
            element.drop_tree()
    for table in tree.xpath(_LAYOUT_TABLE):
        for element in table.iter("table", "thead", "tbody", "tfoot", "tr", "td", "th"):
            element.tag = "div"
    return tree


def _extract_fragment(html: str, url: str | None) -> str | None:
    # Measured on 100 real DOJ API bodies: recall keeps >= 98% of the text; precision lost up
    # to 16% (list items, short quoted paragraphs).
    page = f"<html><body>{html}</body></html>"
    text = trafilatura.extract(page, url=url, favor_recall=True, include_comments=False,
                               include_tables=True, deduplicate=False)
    if not text:
        # Very short statements can fall under trafilatura's minimum size; they are still releases.
        text = trafilatura.html2txt(page)
    return text


def extract_text(html: str | None, url: str | None = None) -> str | None:
    """The release's text, or None when the HTML holds none."""
    if not html or not html.strip():
        return None
    tree = _parse(html) if is_whole_page(html) else None
    if tree is None:
        text = _extract_fragment(html, url)
    elif (body := _release_body(tree)) is not None:
        text = _extract_fragment(body, url)
    else:
        # Measured on justice.gov-like pages: precision drops menus, footers and related content.
        text = trafilatura.extract(
            lxml.html.tostring(_without_furniture(tree), encoding="unicode"), url=url, favor_precision=True,
            include_comments=False, include_tables=True, deduplicate=False,
        )
    text = (text or "").strip()
    return text or None


def extract_page_date(html: str | None, url: str | None = None) -> date | None:
    """The publication date a whole page states, or None. Never the crawl date."""
    if not html or not is_whole_page(html):
        return None
    found = htmldate.find_date(
        html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
    )
    return date.fromisoformat(found) if found else None

