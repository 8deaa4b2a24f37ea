"""Faults in what the listings hold: pages that shift, loop, or show a revised release."""

from __future__ import annotations

import json
from typing import Any

from replica.catalogue import Catalogue
from replica.faulting import Fault, Where, listing, nth_listing_page, source_hooks
from replica.reply import Reply, Request
from spiders.registry import SOURCES


def listing_family(request: Request) -> tuple:
    """What tells one listing from another: its path and query without the page-number parameters
    (the sources crawl at the same time, so pages of several listings interleave)."""
    paging = {name for names in source_hooks("PAGE_PARAMETERS") for name in names}
    return (request.path, tuple(sorted(
        (key, tuple(values)) for key, values in request.query.items() if key not in paging)))


class RepeatedItem(Fault):
    """A listing page also carries an item of the page of the same listing served before it (pages
    shifting)."""

    name = "duplicate"

    def __init__(self, where: Where | None = None, times: int | None = 1) -> None:
        super().__init__(where, times)
        self.carried: dict[tuple, Any] = {}

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        payload = _json_object(reply)
        rows = _rows(payload)
        if not rows:
            return None
        family = listing_family(request)
        carried, self.carried[family] = self.carried.get(family), rows[0]
        if carried is None or carried in rows:
            return None
        rows.insert(0, carried)
        return _with_json(reply, payload)


class PaginationLoop(Fault):
    """Counts that never end, and past the last page the first page served again."""

    name = "loop"

    def __init__(self, where: Where | None = None, times: int | None = None) -> None:
        super().__init__(where, times)
        self.first_pages: dict[tuple, list] = {}

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        payload = _json_object(reply)
        rows = _rows(payload)
        if payload is None or rows is None:
            return None
        family = listing_family(request)
        _inflate_count(payload, 2 * int(request.param("pagesize", "50") or 50))
        if nth_listing_page(0)(request):
            self.first_pages[family] = list(rows)
        if rows or family not in self.first_pages:
            # The inflated count is served on every page, but only a page served again is a hit.
            reply.body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            return None
        rows.extend(self.first_pages[family])
        return _with_json(reply, payload)


class ChangedRelease(Fault):
    """One document was revised after publication, in the first registry source with a
    changed-since listing (its replica's `revise`): a new body and a new changed time."""

    name = "changed"

    def __init__(self, uuid: str | None = None) -> None:
        super().__init__(where=listing, times=None)
        self.uuid = uuid
        self.new_body: str | None = None
        self.changed_at: int | None = None

    def prepare(self, catalogue: Catalogue) -> None:
        changing = next(entry.name for entry in SOURCES if entry.changed_listing)
        revision = catalogue[changing].revise(self.uuid)
        self.uuid, self.new_body, self.changed_at = revision.key, revision.body, revision.changed_at

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        return reply if self.uuid and self.uuid.encode() in reply.body else None


def _json_object(reply: Reply) -> dict | None:
    try:
        payload = json.loads(reply.body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _rows(payload: dict | None) -> list | None:
    """The rows of a listing page, as the source that made it reads them."""
    if payload is None:
        return None
    for listing_rows in source_hooks("listing_rows"):
        rows = listing_rows(payload)
        if rows is not None:
            return rows
    return None


def _inflate_count(payload: dict, extra: int) -> None:
    for announce_more in source_hooks("announce_more"):
        announce_more(payload, extra)


def _with_json(reply: Reply, payload: dict) -> Reply:
    return Reply(reply.status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                 reply.content_type, dict(reply.headers))
