"""A tiny HTTP server answering the Europol replica's routes (today's ReplicaServer has fixed
routes), and a real `scrapy crawl europol` in a subprocess against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import parse_qs, urlsplit

import pytest

from replica.reply import Reply, Request, text_reply
from spiders.europol.replica import EuropolReplica, replica

SPIDERS_DIR = Path(__file__).resolve().parents[3] / "spiders"
SCRAPY = Path(sys.executable).parent / "scrapy"
# Until the registry lists the folder, the spider is found through SPIDER_MODULES.
FIND_SPIDER = ("-s", "SPIDER_MODULES=spiders.crawlers,spiders.europol.spider")
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "ALLIANCE_RETRY_BACKOFF=0.1")



def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "live: crawls the real site (run with ALLIANCE_LIVE=1)")


# A fault: given a request, the reply to send instead of the replica's, or None.
Fault = Callable[[Request], Reply | None]


class SourceServer:
    """Serves one ReplicaSource on 127.0.0.1 at a free port; `faults` may replace replies."""

    def __init__(self, source: EuropolReplica, faults: list[Fault] | None = None) -> None:
        self.source = source
        self.faults = faults or []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def answer(self, method: str, target: str) -> Reply:
        parts = urlsplit(target)
        with self._lock:
            request = Request(method, parts.path, parse_qs(parts.query, keep_blank_values=True),
                              {}, len(self.requests) + 1, time.monotonic())
            self.requests.append(request)
        for fault in self.faults:
            reply = fault(request)
            if reply is not None:
                return reply
        if request.path == "/robots.txt":
            lines = ["User-agent: *", *(f"Disallow: {p}" for p in self.source.robots_disallow)]
            return text_reply("\n".join(lines) + "\n")
        reply = self.source.answer(request)
        return reply if reply is not None else text_reply("Not Found", 404)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                reply = server.answer("GET", self.path)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def europol_server() -> Callable[..., SourceServer]:
    return lambda faults=None: SourceServer(replica(), faults)


def crawl_europol(directory: Path, base_url: str | None, *arguments: str,
                  timeout: float = 120) -> tuple[list[dict], dict]:
    """`scrapy crawl europol` with its crawl record; returns (items, record)."""
    directory.mkdir(parents=True, exist_ok=True)
    output, record = directory / "europol.jsonl", directory / "europol-record.json"
    settings = ("-s", f"EUROPOL_BASE_URL={base_url}", *FAST) if base_url else ()
    environment = {k: v for k, v in os.environ.items() if k != "EUROPOL_BASE_URL"}
    result = subprocess.run(
        [str(SCRAPY), "crawl", "europol", "-O", str(output), *FIND_SPIDER, *settings,
         "-s", f"ALLIANCE_STATS_FILE={record}", *arguments],
        cwd=SPIDERS_DIR, env=environment, capture_output=True, text=True, timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    items = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return items, json.loads(record.read_text(encoding="utf-8"))


@pytest.fixture
def run_europol() -> Iterator[Callable[..., tuple[list[dict], dict]]]:
    yield crawl_europol
