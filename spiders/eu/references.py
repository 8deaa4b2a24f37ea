"""Commission document references (TYPE/YY/NNNN) and the URLs that name them.

One document has had several addresses: the Press Corner page, the API, and before 2020 the
RAPID press-release database (`europa.eu/rapid/press-release_IP-12-680_en.htm`). All of them
resolve to one reference, so they are one document.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from spiders.parsing.shape import describe

# Items carry the public address whatever base URL was crawled (the replica or the live site).
PUBLIC_BASE_URL = "https://ec.europa.eu/commission/presscorner"
RAPID_BASE_URL = "https://europa.eu/rapid"

# IP/12/1308, ip_12_1308, IP-12-680 (old rapid URLs), "MEMO / 12 / 944".
_REFERENCE = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,12})\s*[/_-]\s*(\d{2})\s*[/_-]\s*(\d{1,6})(?!\d)")
# The last path segment of a RAPID or Press Corner address:
# press-release_IP-12-680_en.htm, press-release_MEMO-12-944_fr.pdf, ip_12_1308.
_RAPID_PAGE = re.compile(
    r"press-release_([A-Za-z]{2,12}-\d{2}-\d{1,6})_[a-z]{2}\.(?:html?|pdf)", re.IGNORECASE)
_DETAIL_PAGE = re.compile(r"([A-Za-z]{2,12}_\d{2}_\d{1,6})")


def normalise_reference(text: str) -> str:
    """TYPE/YY/NNNN from any spelling of a reference; ValueError when there is none."""
    found = _REFERENCE.search(text or "")
    if not found:
        raise ValueError(f"no Commission reference (TYPE/YY/NNNN) in {describe(text)}")
    kind, year, number = found.groups()
    return f"{kind.upper()}/{year}/{int(number)}"


def reference_from_url(url: str) -> str:
    """The reference a Commission press URL names: RAPID press-release pages, Press Corner
    detail pages, and API document URLs. ValueError for any other URL."""
    text = (url or "").strip()
    if "://" not in text:  # "europa.eu/rapid/..." as it is often cited
        text = "https://" + text.lstrip("/")
    parts = urlsplit(text)
    host = parts.netloc.lower()
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if host.endswith("europa.eu") and "/rapid/" in f"{parts.path}/":
        found = _RAPID_PAGE.fullmatch(last)
        if found:
            return normalise_reference(found.group(1))
    if "/presscorner/" in parts.path:
        if parts.path.endswith("/api/documents"):
            asked = parse_qs(parts.query).get("reference", [""])[-1]
            if asked:
                return normalise_reference(asked)
        elif "/detail/" in parts.path and _DETAIL_PAGE.fullmatch(last):
            return normalise_reference(last)
    raise ValueError(f"not a Commission press-release URL: {describe(url)}")


def public_url(reference: str) -> str:
    """https://ec.europa.eu/commission/presscorner/detail/en/ip_12_1308 for IP/12/1308."""
    slug = normalise_reference(reference).lower().replace("/", "_")
    return f"{PUBLIC_BASE_URL}/detail/en/{slug}"


def rapid_url(reference: str, language: str = "en") -> str:
    """The document's pre-2020 RAPID address: .../rapid/press-release_IP-12-680_en.htm."""
    kind, year, number = normalise_reference(reference).split("/")
    return f"{RAPID_BASE_URL}/press-release_{kind}-{year}-{number}_{language.lower()}.htm"


def document_aliases(reference: str) -> list[str]:
    """Every name the document is known by: its reference, Press Corner and RAPID addresses."""
    reference = normalise_reference(reference)
    return sorted({reference, public_url(reference), rapid_url(reference)})
