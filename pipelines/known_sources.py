"""The source names the tagger, the reference files and the gold sets accept, and who issues each
source's documents: the registry's (spiders/registry.toml)."""

from __future__ import annotations

from spiders.registry import SOURCES

# Who issues each source's documents: the member whose government speaks ("" for none: the
# Commission, Europol).
ISSUERS: dict[str, str] = {source.name: source.issuer for source in SOURCES}
KNOWN_SOURCES: tuple[str, ...] = tuple(source.name for source in SOURCES)

# The key of a source's issuer in the tagger's reference data (agencies.yaml, country_names.yaml):
# the member's code, or this for a source no member issues.
NO_ISSUER = "none"


def issuer_key(source: str | None) -> str | None:
    """The member code of the source's issuer, NO_ISSUER for a registered source no member issues,
    None for a source not given or not registered."""
    if source not in ISSUERS:
        return None
    return ISSUERS[source] or NO_ISSUER
