"""The Europol crawl tests' server: the shared replica (every registry source), its Europol part
serving the snapshot as recorded (the Windows-1252 article without a charset), and the tests' own
faults; and a real `scrapy crawl europol` in a subprocess against it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from replica.catalogue import load_catalogue
from replica.reply import Reply, Request
from replica.server import ReplicaServer
from spiders.europol.replica import replica

# A fault: given a request, the reply to send instead of the replica's, or None.
Fault = Callable[[Request], Reply | None]


class FirstFaultThatAnswers:
    """The replica's Faults: the first of the test's faults that answers a request wins."""

    def __init__(self, faults: list[Fault]) -> None:
        self.faults = faults

    def intercept(self, request: Request, reply: Reply) -> Reply:
        for fault in self.faults:
            replaced = fault(request)
            if replaced is not None:
                return replaced
        return reply


def europol_replica_server(faults: list[Fault] | None = None) -> ReplicaServer:
    catalogue = load_catalogue().replace(replica(legacy_codecs=True))
    return ReplicaServer(catalogue=catalogue, faults=FirstFaultThatAnswers(faults or []))


@pytest.fixture
def europol_server() -> Callable[..., ReplicaServer]:
    return europol_replica_server


@pytest.fixture
def run_europol(run_recorded_crawl, fast) -> Callable[..., tuple[list[dict], dict]]:
    """`scrapy crawl europol` with its crawl record (tests/conftest.py), against the replica at
    `base_url` or, when it is None, the live site; returns (items, record)."""
    def crawl_europol(directory: Path, base_url: str | None, *arguments: str,
                      timeout: float = 120) -> tuple[list[dict], dict]:
        settings = ("-s", f"EUROPOL_BASE_URL={base_url}", *fast) if base_url else ()
        _, items, record = run_recorded_crawl("europol", directory, *settings, *arguments,
                                              timeout=timeout)
        return items, record
    return crawl_europol
