"""A justice.gov-like page around a release, at the real site's weight (~80 KB): the article is a
few KB; the rest is what trafilatura must throw away (head scripts and styles, mega menus of every
component and US Attorney's office, an icon sprite, sidebars, related releases, a long footer).

The replica's pages (spiders/replica/pages.py) carry the same parts in a lighter form; the
benchmark needs the real weight, since extraction time grows with the markup, not the text.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from html import escape
from random import Random

STATES = ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
          "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
          "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
          "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
          "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
          "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
          "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
          "Wisconsin", "Wyoming"]
COMPONENTS = ["Antitrust Division", "Civil Division", "Civil Rights Division", "Criminal Division",
              "Environment and Natural Resources Division", "National Security Division",
              "Tax Division", "Bureau of Alcohol, Tobacco, Firearms and Explosives",
              "Bureau of Prisons", "Drug Enforcement Administration", "Executive Office for Immigration Review",
              "Federal Bureau of Investigation", "Office of Justice Programs", "Office on Violence Against Women",
              "U.S. Marshals Service", "Office of the Inspector General", "Community Relations Service",
              "Office of Legal Counsel", "Office of the Solicitor General", "Office of Public Affairs"]
TOPICS = ["Civil Rights", "Consumer Protection", "Counterterrorism", "Cybercrime", "Drug Trafficking",
          "Elder Justice", "Environment", "Firearms Offenses", "Financial Fraud", "Health Care Fraud",
          "Human Trafficking", "Immigration", "Indian Country Law and Justice", "Labor & Employment",
          "Opioids", "Project Safe Childhood", "Public Corruption", "Securities Fraud", "Tax",
          "Violent Crime", "Voting and Elections", "Disability Rights", "Hate Crimes", "Asset Forfeiture"]
DIVISIONS = ["Northern", "Southern", "Eastern", "Western", "Middle", "Central"]


def release_page(*, title: str, day: date, office: str, body_html: str, number: str | None,
                 url: str, rng: Random) -> str:
    """The whole page; `rng` varies the per-page parts (sidebar, related releases)."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr">',
        _head(title, office, url),
        '<body class="path-node page-node-type-pr">',
        '<a href="#main-content" class="skip-link">Skip to main content</a>',
        _icon_sprite(),
        _chrome_header(),
        '<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">',
        _breadcrumbs(office),
        _article(title, day, office, body_html, number),
        _related(rng, day),
        "</div>",
        _sidebar(rng, office, day),
        "</main>",
        _chrome_footer(),
        _scripts(),
        "</body></html>",
    ]) + "\n"


def _head(title: str, office: str, url: str) -> str:
    t = escape(title)
    return "".join([
        '<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />',
        f'<link rel="canonical" href="{escape(url)}" /><meta property="og:title" content="{t}" />',
        f'<meta property="og:url" content="{escape(url)}" /><meta name="twitter:title" content="{t}" />',
        f"<title>{t} | {escape(office)} | United States Department of Justice</title>",
        _inline_style(),
        '<script type="application/json" data-drupal-selector="drupal-settings-json">',
        _drupal_settings(),
        "</script></head>",
    ])


@lru_cache(maxsize=1)
def _inline_style() -> str:
    rules = [f".usa-nav__submenu-item--{i} a{{padding:{i % 7}px {i % 11}px;color:#1b1b1b;"
             f"font-size:{12 + i % 5}px;line-height:1.{i % 9}}}" for i in range(160)]
    return "<style>" + "".join(rules) + "</style>"


@lru_cache(maxsize=1)
def _drupal_settings() -> str:
    libraries = ",".join(f"usdoj/component-{i:03d}" for i in range(220))
    return ('{"path":{"baseUrl":"\\/","currentLanguage":"en"},"ajaxPageState":{"theme":"usdoj",'
            f'"libraries":"{libraries}"}},"gtag":{{"tagId":"G-DOJ","consentMode":false}}}}')


@lru_cache(maxsize=1)
def _icon_sprite() -> str:
    rng = Random("icons")
    icons = []
    for i in range(44):
        points = " ".join(f"{rng.randint(0, 24)}.{rng.randint(0, 99)},{rng.randint(0, 24)}.{rng.randint(0, 99)}"
                          for _ in range(28))
        icons.append(f'<symbol id="icon-{i}" viewBox="0 0 24 24"><path d="M{points}Z"/></symbol>')
    return '<svg xmlns="http://www.w3.org/2000/svg" style="display:none">' + "".join(icons) + "</svg>"


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _menu(name: str, items: list[str], prefix: str) -> str:
    links = "".join(
        f'<li class="usa-nav__submenu-item"><a href="/{prefix}{_slug(item)}">{escape(item)}</a></li>'
        for item in items)
    return (f'<li class="usa-nav__primary-item"><button class="usa-accordion__button" '
            f'aria-expanded="false">{escape(name)}</button><ul class="usa-nav__submenu">{links}</ul></li>')


@lru_cache(maxsize=1)
def _chrome_header() -> str:
    offices = [f"{division} District of {state}" for state in STATES for division in DIVISIONS[:2]]
    menus = (_menu("Our Work", TOPICS, "")
             + _menu("Components", COMPONENTS, "")
             + _menu("U.S. Attorneys", offices, "usao-")
             + _menu("News", ["Press Releases", "Speeches", "Videos", "Photo Galleries", "Blogs",
                              "Podcasts", "Justice News Archive"], "news/"))
    return ('<section class="usa-banner"><p>An official website of the United States government</p>'
            "<p>Official websites use .gov. Secure .gov websites use HTTPS.</p></section>"
            '<header class="usa-header" role="banner"><div class="usa-logo"><a href="/">'
            "U.S. Department of Justice</a></div>"
            f'<nav aria-label="Primary navigation" class="usa-nav"><ul class="usa-nav__primary">{menus}'
            '</ul><form class="usa-search" action="/search"><input type="search" name="keys" />'
            "<button>Search</button></form></nav></header>")


def _breadcrumbs(office: str) -> str:
    return ('<nav class="usa-breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
            f'<li><a href="/news">{escape(office)}</a></li><li><span>Press Release</span></li></ol></nav>')


def _article(title: str, day: date, office: str, body_html: str, number: str | None) -> str:
    numbered = (f'<div class="field field--name-field-pr-number"><div class="field__label">Press '
                f'Release Number:</div><div class="field__item">{escape(number)}</div></div>'
                if number else "")
    return ('<article role="article" class="node node--type-pr node--view-mode-full">'
            f'<div class="page-header"><span class="office-name">{escape(office)}</span>'
            f'<h1 class="page-title">{escape(title)}</h1></div>'
            f'<div class="field field--name-field-pr-date"><time datetime="{day.isoformat()}T12:00:00Z">'
            f"{day:%A, %B} {day.day}, {day.year}</time></div>"
            '<div class="field field--name-field-pr-body field__item">'
            f"{body_html}</div>{numbered}"
            f'<div class="node-updated">Updated {day:%B} {day.day}, {day.year}</div></article>')


def _headline(rng: Random) -> str:
    what = rng.choice(["Sentenced for Wire Fraud", "Charged in Drug Conspiracy", "Pleads Guilty to Tax Evasion",
                       "Convicted of Bank Robbery", "Indicted for Firearms Offenses", "Agrees to Pay Settlement"])
    return f"{rng.choice(['Local Man', 'Business Owner', 'Former Official', 'Contractor', 'Two Defendants'])} {what}"


def _related(rng: Random, day: date) -> str:
    items = "".join(
        f'<li class="related-content__item"><a href="/news/{rng.randint(10000, 99999)}">'
        f"{escape(_headline(rng))}</a><time>{day:%B} {rng.randint(1, 28)}, {day.year}</time>"
        f"<p>{escape(_headline(rng))}; the defendant faces a hearing later this year.</p></li>"
        for _ in range(6))
    return ('<section class="block block-related-content"><h2>Related Content</h2>'
            f'<ul class="related-content__list">{items}</ul></section>')


def _sidebar(rng: Random, office: str, day: date) -> str:
    items = "".join(
        f'<li><a href="/news/{rng.randint(10000, 99999)}">{escape(_headline(rng))}</a>'
        f"<span>{day.year}</span></li>" for _ in range(12))
    return (f'<aside class="sidebar"><h2>More from {escape(office)}</h2><ul>{items}</ul>'
            '<div class="contact-block"><h3>Contact</h3><p>Office of Public Affairs</p>'
            "<p>202-514-2007</p></div></aside>")


@lru_cache(maxsize=1)
def _chrome_footer() -> str:
    columns = "".join(
        f'<div class="footer-column"><h3>{escape(name)}</h3><ul>'
        + "".join(f'<li><a href="/{_slug(item)}">{escape(item)}</a></li>' for item in items)
        + "</ul></div>"
        for name, items in [("Components", COMPONENTS), ("Topics", TOPICS),
                            ("States", STATES),
                            ("Policies", ["Accessibility", "FOIA", "Privacy Policy", "No FEAR Act",
                                          "Information Quality", "Vulnerability Disclosure"])])
    return (f'<footer class="usa-footer"><div class="usa-footer__primary-section">{columns}</div>'
            "<address>950 Pennsylvania Avenue NW, Washington DC 20530</address></footer>")


@lru_cache(maxsize=1)
def _scripts() -> str:
    handlers = "".join(f"Drupal.behaviors.b{i}={{attach:function(c,s){{var e=c.querySelectorAll('.x{i}');"
                       f"for(var j=0;j<e.length;j++){{e[j].dataset.i={i};}}}}}};" for i in range(110))
    return f"<script>{handlers}</script>"
