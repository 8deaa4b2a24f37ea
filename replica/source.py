"""What a source contributes to the replica (its folder's `replica.py`, see docs/sources.md).

`replica(snapshot_dir: Path | None = None) -> ReplicaSource` in spiders/<name>/replica.py. Paths
are the live site's real paths: the server serves every source under one root, so a source whose
live base URL has a path (the Press Corner's /commission/presscorner) answers under that path.

A source's replica module may also define these, for the faults that target listings and
documents (replica/faulting.py); a source without them is left alone by those faults:
    listing_page(request) -> int | None      the 0-based listing page a request asks for
    is_document(request) -> bool             whether it asks for one document
    listing_rows(payload) -> list | None     the rows of a listing page's JSON
    announce_more(payload, extra) -> None    make the page announce `extra` more results
    PAGE_PARAMETERS: tuple[str, ...]         the query parameters that choose a listing's page
and its ReplicaSource may have `revise(key: str | None) -> Revision`, a document revised after
publication (the changed-listing fault; only for sources with `changed_listing`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from replica.reply import Reply, Request


class ReplicaSource(Protocol):
    name: str
    robots_disallow: tuple[str, ...]  # paths robots.txt disallows, as on the live site

    def answer(self, request: Request) -> Reply | None:
        """The reply to a request for one of this source's paths (a 404 in the source's own style
        for its unknown ones); None when the path is not this source's."""
        ...

    def days(self) -> list[datetime.date]:
        """The publication days of the documents served, one per document."""
        ...


@dataclass(frozen=True)
class Revision:
    """A document the replica revised after publication: its key, new body and changed time."""
    key: str
    body: str
    changed_at: int
