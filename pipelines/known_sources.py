"""The source names the tagger, the reference files and the gold sets accept, and who issues each
source's documents: the registry's (spiders/registry.toml)."""

from __future__ import annotations

from spiders.registry import SOURCES

# Who issues each source's documents: the member whose government speaks ("" for none: the
# Commission, Europol).
ISSUERS: dict[str, str] = {source.name: source.issuer for source in SOURCES}
KNOWN_SOURCES: tuple[str, ...] = tuple(source.name for source in SOURCES)
