"""The source names the tagger, the reference files and the gold sets accept: the registry's
(spiders/registry.toml), plus sources announced but not registered yet.

GOV.UK and Europol (issue 11) are named by the gold sets and agencies.yaml while their folders are
being written; each PENDING line goes when its [[source]] entry lands in the registry (the
registry's entry wins meanwhile).
"""

from __future__ import annotations

from spiders.registry import SOURCES

PENDING = {"govuk": "GB"}  # name -> issuer, until registered

# Who issues each source's documents: the member whose government speaks ("" for none: the
# Commission, Europol).
ISSUERS: dict[str, str] = {**PENDING, **{source.name: source.issuer for source in SOURCES}}
KNOWN_SOURCES: tuple[str, ...] = tuple(dict.fromkeys([*(source.name for source in SOURCES), *PENDING]))
