"""justice.gov-like press-release pages: the release inside the site's full Drupal chrome.

The chrome (banner, menus, breadcrumbs, related releases, footer) is what a real page carries
around the text; it is here so that extraction downstream has something real to remove.
"""

from __future__ import annotations

from html import escape

from spiders.doj.replica_snapshot import DojRelease

_MENU = {
    "Our Work": ["Civil Rights", "Combating Violent Crime", "Cybercrime", "Elder Justice",
                 "Environmental Justice", "Opioids", "Tribal Justice", "Voting Rights"],
    "News": ["Press Releases", "Speeches", "Videos", "Photo Galleries", "Blogs", "Podcasts"],
    "About": ["About DOJ", "Leadership", "Organizational Chart", "History", "Budget"],
    "Resources": ["Forms", "Publications", "Case Highlights", "Legal Policies", "Grants"],
    "Business & Grants": ["Business Opportunities", "Small & Disadvantaged Business",
                          "Grants", "Contracting"],
    "Employment": ["Legal Careers", "Internships", "Veterans", "Working at DOJ"],
}
_FOOTER = {
    "About": ["About DOJ", "Accessibility", "Archive", "Budget & Performance", "Inspector General"],
    "Policies": ["Information Quality", "Legal Policies & Disclaimers", "No FEAR Act",
                 "Privacy Policy", "FOIA", "Vulnerability Disclosure"],
    "Government": ["USA.gov", "BusinessUSA", "Regulations.gov", "Vote.gov", "Justice.gov/es"],
}


def release_page(release: DojRelease, related: list[DojRelease]) -> str:
    """The whole HTML page at the release's url path."""
    api = release.api
    office = _office(release)
    title = escape(api["title"])
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr" prefix="og: https://ogp.me/ns#">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
        f'<link rel="canonical" href="{escape(api["url"])}" />',
        f'<meta property="og:title" content="{title}" />',
        f"<title>{title} | {escape(office)} | United States Department of Justice</title>",
        '<link rel="stylesheet" media="all" href="/themes/custom/usdoj/css/usdoj.css?q1w2e3" />',
        ('<script type="application/json" data-drupal-selector="drupal-settings-json">'
        '{"path":{"baseUrl":"\\/","currentLanguage":"en"},"gtag":{"tagId":"G-DOJ"}}</script>'),
        "</head>",
        '<body class="path-node page-node-type-pr">',
        '<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>',
        _official_banner(),
        _cookie_notice(),
        _header(),
        '<main role="main" class="main-content">',
        _breadcrumbs(release, office),
        '<a id="main-content" tabindex="-1"></a>',
        '<div class="layout-content">',
        _article(release, office),
        _related(related),
        "</div>",
        "</main>",
        _footer(),
        '<script src="/core/assets/vendor/jquery/jquery.min.js?v=3.6.3"></script>',
        '<script src="/themes/custom/usdoj/js/usdoj.js?q1w2e3"></script>',
        "</body>",
        "</html>",
    ]) + "\n"


def not_found_page() -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Page Not Found | United States "
            "Department of Justice</title></head><body>" + _header() + "<main><h1>Page not found"
            "</h1><p>The requested page could not be found.</p></main>" + _footer()
            + "</body></html>\n")


def _office(release: DojRelease) -> str:
    """The office a page is filed under: OPA for /opa/, otherwise the component's own office."""
    components = [c["name"] for c in release.api["component"]]
    if release.path.startswith("/opa/") or not components:
        return "Office of Public Affairs"
    return components[0].replace("USAO - ", "U.S. Attorney's Office, ")


def _official_banner() -> str:
    return (
        '<section class="usa-banner" aria-label="Official website of the United States government">'
        '<div class="usa-banner__header"><p class="usa-banner__header-text">An official website '
        'of the United States government</p><button class="usa-banner__button" '
        'aria-expanded="false">Here\'s how you know</button></div>'
        '<div class="usa-banner__content" hidden><p><strong>Official websites use .gov</strong> '
        "A .gov website belongs to an official government organization in the United States.</p>"
        "<p><strong>Secure .gov websites use HTTPS</strong> A lock or https:// means you've "
        "safely connected to the .gov website. Share sensitive information only on official, "
        "secure websites.</p></div></section>"
    )


def _cookie_notice() -> str:
    return (
        '<div id="cookie-notice" class="cookie-banner" role="dialog" aria-live="polite">'
        "<p>This site uses cookies to measure how it is used and to improve your experience. "
        'See our <a href="/doj/privacy-policy">Privacy Policy</a>.</p>'
        '<button type="button" class="cookie-banner__accept">Accept</button>'
        '<button type="button" class="cookie-banner__decline">Decline</button></div>'
    )


def _header() -> str:
    menus = "".join(
        f'<li class="usa-nav__primary-item"><button class="usa-accordion__button">{escape(name)}'
        f'</button><ul class="usa-nav__submenu">'
        + "".join(f'<li><a href="/{_slug(item)}">{escape(item)}</a></li>' for item in items)
        + "</ul></li>"
        for name, items in _MENU.items()
    )
    return (
        '<header class="usa-header usa-header--extended" role="banner"><div class="usa-navbar">'
        '<div class="usa-logo"><a href="/" title="Home" rel="home">'
        '<img src="/themes/custom/usdoj/images/doj-logo.svg" alt="Department of Justice seal" />'
        "<span>U.S. Department of Justice</span></a></div></div>"
        '<nav aria-label="Primary navigation" class="usa-nav"><ul class="usa-nav__primary">'
        f'{menus}<li><a href="/contact-us">Contact</a></li></ul>'
        '<form class="usa-search" action="/search" method="get" role="search">'
        '<label class="usa-sr-only" for="search-field">Search</label>'
        '<input id="search-field" type="search" name="keys" /><button type="submit">Search'
        "</button></form></nav></header>"
    )


def _breadcrumbs(release: DojRelease, office: str) -> str:
    section = release.path.split("/")[1]
    return (
        '<nav class="usa-breadcrumb" aria-label="Breadcrumb"><ol class="usa-breadcrumb__list">'
        '<li class="usa-breadcrumb__list-item"><a href="/">Home</a></li>'
        f'<li class="usa-breadcrumb__list-item"><a href="/{escape(section)}">{escape(office)}</a></li>'
        f'<li class="usa-breadcrumb__list-item"><a href="/{escape(section)}/pr">News</a></li>'
        '<li class="usa-breadcrumb__list-item"><span>Press Release</span></li></ol></nav>'
    )


def _article(release: DojRelease, office: str) -> str:
    api = release.api
    day = release.day
    number = (
        '<div class="field field--name-field-pr-number field--type-string field--label-inline">'
        '<div class="field__label">Press Release Number:</div>'
        f'<div class="field__item">{escape(api["number"])}</div></div>'
        if api["number"] else ""
    )
    components = "".join(
        f'<div class="field__item"><a href="/{_slug(c["name"])}">{escape(c["name"])}</a></div>'
        for c in api["component"]
    )
    topics = "".join(f'<div class="field__item">{escape(t["name"])}</div>' for t in api["topic"])
    return (
        '<article role="article" class="node node--type-pr node--view-mode-full">'
        f'<div class="page-header"><span class="office-name">{escape(office)}</span>'
        f'<h1 class="page-title"><span class="field field--name-title">{escape(api["title"])}'
        "</span></h1>"
        + (f'<div class="node-subtitle">{escape(api["teaser"])}</div>' if api["teaser"] else "")
        + '</div><div class="field field--name-field-pr-date field--type-datetime">'
        f'<time datetime="{day.isoformat()}T12:00:00Z">{day:%A, %B} {day.day}, {day.year}'
        "</time></div>"
        '<div class="field field--name-field-pr-release-type">For Immediate Release</div>'
        '<div class="clearfix text-formatted field field--name-field-pr-body '
        'field--type-text-with-summary field--label-hidden field__item">'
        f"{release.page_body}</div>"
        + (f'<div class="field field--name-field-pr-topic field--label-above">'
           f'<div class="field__label">Topic</div>{topics}</div>' if topics else "")
        + '<div class="field field--name-field-pr-component field--label-above">'
        f'<div class="field__label">Component</div>{components}</div>'
        f"{number}"
        f'<div class="node-updated">Updated {day:%B} {day.day}, {day.year}</div></article>'
    )


def _related(related: list[DojRelease]) -> str:
    if not related:
        return ""
    items = "".join(
        f'<li class="related-content__item"><a href="{escape(other.path)}">'
        f"{escape(other.api['title'])}</a><time>{other.day:%B} {other.day.day}, {other.day.year}"
        "</time></li>"
        for other in related
    )
    return (
        '<section class="block block-related-content" aria-labelledby="related-content">'
        '<h2 id="related-content">Related Content</h2>'
        f'<ul class="related-content__list">{items}</ul></section>'
    )


def _footer() -> str:
    columns = "".join(
        f'<div class="footer-column"><h3>{escape(name)}</h3><ul>'
        + "".join(f'<li><a href="/{_slug(item)}">{escape(item)}</a></li>' for item in items)
        + "</ul></div>"
        for name, items in _FOOTER.items()
    )
    return (
        '<footer class="usa-footer" role="contentinfo">'
        '<div class="usa-footer__return-to-top"><a href="#">Return to top</a></div>'
        f'<div class="usa-footer__primary-section">{columns}</div>'
        '<div class="usa-footer__secondary-section"><div class="usa-footer__logo">'
        "<p>U.S. Department of Justice</p></div><address>950 Pennsylvania Avenue NW, "
        "Washington DC 20530 · Contact the Department: 202-514-2000</address>"
        '<ul class="usa-footer__social-links"><li><a href="https://twitter.com/TheJusticeDept">'
        'Twitter</a></li><li><a href="https://www.facebook.com/DOJ">Facebook</a></li>'
        '<li><a href="https://www.youtube.com/user/TheJusticeDepartment">YouTube</a></li>'
        '<li><a href="/feeds/opa/justice-news.xml">RSS</a></li></ul>'
        '<p class="usa-footer__subscribe"><a href="/subscribe">Sign up for email updates</a></p>'
        "</div></footer>"
    )


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
