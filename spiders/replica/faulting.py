"""The frame of the replica's faults: which requests a fault targets, and the Fault base.

A fault rewrites the replies to the requests it targets (`where`) for the first `times` of
them (None: every one), and keeps the requests it hit in `hits`, so a test can compare what a
crawl counted with what the server did.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from spiders.replica.catalogue import Catalogue
from spiders.replica.doj_api import LISTING_PATH as DOJ_LISTING
from spiders.replica.reply import Reply, Request
from spiders.replica.server import ITEM_PATH, PRESSCORNER_PREFIX

EU_SEARCH = f"{PRESSCORNER_PREFIX}/api/search"
EU_DOCUMENTS = f"{PRESSCORNER_PREFIX}/api/documents"
Where = Callable[[Request], bool]


def listing(request: Request) -> bool:
    """A DOJ listing page or a Press Corner search page."""
    return request.path in (DOJ_LISTING, EU_SEARCH)


def document(request: Request) -> bool:
    """One document: a Press Corner document, a DOJ item or a DOJ release page."""
    return (request.path == EU_DOCUMENTS or bool(ITEM_PATH.fullmatch(request.path))
            or "/pr/" in request.path)


def nth_listing_page(index: int) -> Where:
    """The listing page `index` counted from 0 (DOJ `page` is 0-based, Press Corner's 1-based)."""
    def where(request: Request) -> bool:
        if request.path == DOJ_LISTING:
            return request.param("page", "0") == str(index)
        return request.path == EU_SEARCH and request.param("pagenumber", "1") == str(index + 1)
    return where


class Fault:
    """Misbehave on the first `times` successful replies to requests matching `where`."""

    name = "fault"
    default_where: Where = staticmethod(listing)

    def __init__(self, where: Where | None = None, times: int | None = 1) -> None:
        self.where = where or type(self).default_where
        self.times = times
        self.hits: list[Request] = []
        self._lock = threading.Lock()

    def intercept(self, request: Request, reply: Reply) -> Reply:
        if reply.status != 200 or not self.where(request):
            return reply
        with self._lock:
            if self.times is not None and len(self.hits) >= self.times:
                return reply
            changed = self.misbehave(request, reply)
            if changed is None:  # nothing this fault can do to that reply
                return reply
            self.hits.append(request)
            return changed

    def misbehave(self, request: Request, reply: Reply) -> Reply | None:
        raise NotImplementedError


class FaultSet:
    """Several faults at once, applied in order."""

    def __init__(self, faults: Iterable[Any]) -> None:
        self.faults = list(faults)

    def prepare(self, catalogue: Catalogue) -> None:
        for fault in self.faults:
            if hasattr(fault, "prepare"):
                fault.prepare(catalogue)

    def intercept(self, request: Request, reply: Reply) -> Reply:
        for fault in self.faults:
            reply = fault.intercept(request, reply)
        return reply
