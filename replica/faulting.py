"""The frame of the replica's faults: which requests a fault targets, and the Fault base.

A fault rewrites the replies to the requests it targets (`where`) for the first `times` of
them (None: every one), and keeps the requests it hit in `hits`, so a test can compare what a
crawl counted with what the server did.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from replica.catalogue import Catalogue, replica_module
from replica.reply import Reply, Request
from spiders.registry import NAMES

Where = Callable[[Request], bool]


def source_hooks(name: str) -> list[Callable]:
    """The sources' replica-module functions of that name (replica/source.py), registry order."""
    hooks = (getattr(replica_module(source), name, None) for source in NAMES)
    return [hook for hook in hooks if hook is not None]


def listing_page_index(request: Request) -> int | None:
    """The 0-based listing page a request asks for, None when it is no listing request."""
    for listing_page in source_hooks("listing_page"):
        index = listing_page(request)
        if index is not None:
            return index
    return None


def listing(request: Request) -> bool:
    """A listing page of any source (a DOJ listing page, a Press Corner search page...)."""
    return listing_page_index(request) is not None


def document(request: Request) -> bool:
    """One document of any source (a Press Corner document, a DOJ item or release page...)."""
    return any(is_document(request) for is_document in source_hooks("is_document"))


def nth_listing_page(index: int) -> Where:
    """The listing page `index` counted from 0, whatever the source counts from."""
    def where(request: Request) -> bool:
        return listing_page_index(request) == index
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
