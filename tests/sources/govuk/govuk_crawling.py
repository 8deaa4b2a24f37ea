"""For the GOV.UK crawl tests: a shared replica whose GOV.UK answers misbehave on purpose, and the
crawl's counters."""

from __future__ import annotations

import re
from collections.abc import Callable

from replica.catalogue import Catalogue
from replica.reply import Reply, Request
from replica.server import route

Rewrite = Callable[[Request], Request]
Tamper = Callable[[Request, Reply], Reply]


class Misbehaving:
    """Faults for ReplicaServer(faults=...): `rewrite` changes each request before the replica
    answers it (a server that ignores a parameter), `tamper` changes each reply."""

    def __init__(self, *, rewrite: Rewrite | None = None, tamper: Tamper | None = None) -> None:
        self.rewrite = rewrite
        self.tamper = tamper
        self.catalogue: Catalogue | None = None

    def prepare(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def intercept(self, request: Request, reply: Reply) -> Reply:
        if self.rewrite is not None:
            assert self.catalogue is not None
            reply = route(self.catalogue, self.rewrite(request))
        return self.tamper(request, reply) if self.tamper is not None else reply


def stat(stderr: str, name: str) -> int:
    """A counter from the stats Scrapy logs when the crawl closes (0 when absent)."""
    found = re.search(rf"'{re.escape(name)}': (\d+)", stderr)
    return int(found.group(1)) if found else 0
