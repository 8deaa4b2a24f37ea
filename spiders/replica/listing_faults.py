"""Faults in what the listings hold: pages that shift, loop, or show a revised release."""

from __future__ import annotations

import json
import time
from typing import Any

from spiders.replica.catalogue import Catalogue
from spiders.replica.faulting import Fault, Where, listing, nth_listing_page
from spiders.replica.reply import Reply, Request


class RepeatedItem(Fault):
    """A listing page also carries an item of the page served before it (pages shifting)."""

    name = "duplicate"

    def __init__(self, where: Where | None = None, times: int | None = 1) -> None:
        super().__init__(where, times)
        self.carried: Any = None

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        payload = _json_object(reply)
        rows = _rows(payload)
        if not rows:
            return None
        carried, self.carried = self.carried, rows[0]
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
        family = (request.path, tuple(sorted(
            (key, tuple(values)) for key, values in request.query.items()
            if key not in ("page", "pagenumber"))))
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
    """One DOJ release was revised after publication: a new body and a new `changed` time."""

    name = "changed"

    def __init__(self, uuid: str | None = None) -> None:
        super().__init__(where=listing, times=None)
        self.uuid = uuid
        self.new_body: str | None = None
        self.changed_at: int | None = None

    def prepare(self, catalogue: Catalogue) -> None:
        with_body = sorted((r for r in catalogue.doj if r.api["body"]),
                           key=lambda release: (release.day, release.api["uuid"]))
        release = catalogue.by_uuid[self.uuid] if self.uuid else with_body[0]
        self.uuid = release.api["uuid"]
        self.changed_at = int(time.time())
        self.new_body = (release.api["body"] or release.page_body) + (
            "\n<p>Correction: an earlier version of this release gave a wrong date for the "
            "hearing.</p>\n")
        release.api["body"] = self.new_body
        release.api["changed"] = str(self.changed_at)

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        return reply if self.uuid and self.uuid.encode() in reply.body else None


def _json_object(reply: Reply) -> dict | None:
    try:
        payload = json.loads(reply.body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _rows(payload: dict | None) -> list | None:
    if payload is None:
        return None
    rows = payload.get("results", payload.get("docuLanguageListResources"))
    return rows if isinstance(rows, list) else None


def _inflate_count(payload: dict, extra: int) -> None:
    if "totalNumber" in payload:
        payload["totalNumber"] = int(payload["totalNumber"]) + extra
    resultset = payload.get("metadata", {}).get("resultset")
    if isinstance(resultset, dict) and "count" in resultset:
        resultset["count"] = int(resultset["count"]) + extra


def _with_json(reply: Reply, payload: dict) -> Reply:
    return Reply(reply.status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                 reply.content_type, dict(reply.headers))
