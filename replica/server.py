"""The replica HTTP server: every registry source's routes on 127.0.0.1, in a background thread.

Each source serves its live site's paths under the replica's root (spiders/<name>/replica.py), so a
source's base URL on the replica is the root plus the path of its live base URL.

Every reply passes through a `faults` object before it is sent, so tests can make the replica
misbehave the way the real sites do (rate limits, errors, slow or broken bodies...).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol, Self
from urllib.parse import parse_qs, urlsplit

from replica.catalogue import Catalogue, load_catalogue
from replica.reply import Reply, Request, html_reply, text_reply
from spiders.registry import SOURCES
from spiders.registry import source as registered_source

NOT_FOUND_PAGE = "<!DOCTYPE html><html><head><title>Page not found</title></head>" \
    "<body><h1>Page not found</h1></body></html>"


class Faults(Protocol):
    """Consulted for every request; returns the reply to send (the one given, or another).

    A faults object may also have `prepare(catalogue)`, called once before serving, for
    faults that change what the sources hold rather than how one reply looks.
    """

    def intercept(self, request: Request, reply: Reply) -> Reply: ...


class NoFaults:
    def intercept(self, request: Request, reply: Reply) -> Reply:
        return reply


def robots_txt(catalogue: Catalogue) -> str:
    """One robots.txt for every source served: the paths each source's live site disallows."""
    paths = dict.fromkeys(path for source in catalogue for path in source.robots_disallow)
    return "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in paths)


def route(catalogue: Catalogue, request: Request) -> Reply:
    """The reply the well-behaved sites would give to `request`.

    Every source is asked, the one whose live path is longest first (the Press Corner under
    /commission/presscorner before a site served at the root); the first reply that is not a 404
    wins, else the first source's own 404, else a plain one."""
    if request.method not in ("GET", "HEAD"):
        return text_reply("Method Not Allowed", 405)
    if request.path == "/robots.txt":
        return text_reply(robots_txt(catalogue))
    not_found: Reply | None = None
    for source in _by_path_length(catalogue):
        reply = source.answer(request)
        if reply is None:
            continue
        if reply.status != 404:
            return reply
        not_found = not_found or reply
    return not_found or html_reply(NOT_FOUND_PAGE, 404)


def _by_path_length(catalogue: Catalogue) -> list:
    live_path = {entry.name: entry.live_path for entry in SOURCES}
    return sorted(catalogue, key=lambda source: -len(live_path.get(source.name, "")))


class _HTTPServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: a crawler opening more connections at once
    # has its SYNs dropped and waits a second to retry, which real servers never cause.
    request_queue_size = 128


class ReplicaServer:
    """`with ReplicaServer() as replica:` serves on 127.0.0.1 at a free port until the block ends.

    Loads the catalogue at construction, so a bad snapshot raises SnapshotError before any
    port is bound; binding raises OSError when the port is taken.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        catalogue: Catalogue | None = None,
        snapshot_dir: Path | None = None,
        faults: Faults | None = None,
    ) -> None:
        self.host = host
        self.requested_port = port
        self.catalogue = catalogue if catalogue is not None else load_catalogue(snapshot_dir)
        self.faults: Faults = faults if faults is not None else NoFaults()
        prepare = getattr(self.faults, "prepare", None)
        if prepare is not None:
            prepare(self.catalogue)
        self._httpd: ThreadingHTTPServer | None = None
        self._bound_port: int | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._requests: list[Request] = []

    def bind(self) -> None:
        """Take the port now, so the caller learns at once whether it is free (OSError if not)."""
        if self._httpd is None:
            self._httpd = _HTTPServer((self.host, self.requested_port), _handler_for(self))
            self._httpd.daemon_threads = True
            self._bound_port = self._httpd.server_address[1]

    def start(self) -> Self:
        """Serve from a background thread."""
        self.bind()
        assert self._httpd is not None
        # A short poll interval: stop() waits for one, and tests start and stop many replicas.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="replica",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve from the calling thread (the command line) until KeyboardInterrupt."""
        self.bind()
        assert self._httpd is not None
        try:
            self._httpd.serve_forever()
        finally:
            self._httpd.server_close()
            self._httpd = None

    def stop(self) -> None:
        if self._httpd is not None:
            if self._thread is not None:  # shutdown() waits for a serve loop that must be running
                self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port taken (still known after stop(), for reading the request log)."""
        if self._bound_port is None:
            raise RuntimeError("the replica has not taken a port yet (call start or bind)")
        return self._bound_port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def source_url(self, name: str) -> str:
        """The base URL of registry source `name` on this replica."""
        return registered_source(name).replica_base_url(self.base_url)

    @property
    def base_urls(self) -> dict[str, str]:
        """Every registry source's base URL setting -> its URL on this replica."""
        return {entry.base_url_setting: entry.replica_base_url(self.base_url) for entry in SOURCES}

    @property
    def requests(self) -> list[Request]:
        """The requests received so far, in order."""
        with self._lock:
            return list(self._requests)

    def answer(self, method: str, target: str, headers: dict[str, str]) -> tuple[Request, Reply]:
        parts = urlsplit(target)
        with self._lock:
            request = Request(method, parts.path, parse_qs(parts.query, keep_blank_values=True),
                              headers, len(self._requests) + 1, time.monotonic())
            self._requests.append(request)
        return request, self.faults.intercept(request, route(self.catalogue, request))


def _handler_for(replica: ReplicaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "Apache"
        sys_version = ""

        def do_GET(self) -> None:
            self._respond(send_body=True)

        def do_HEAD(self) -> None:
            self._respond(send_body=False)

        def do_POST(self) -> None:
            self._respond(send_body=True)

        def _respond(self, *, send_body: bool) -> None:
            _, reply = replica.answer(self.command, self.path, dict(self.headers.items()))
            if reply.delay_seconds:
                time.sleep(reply.delay_seconds)
            length = reply.declared_length if reply.declared_length is not None else len(reply.body)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(length))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if length != len(reply.body):
                self.close_connection = True
                self.send_header("Connection", "close")
            self.end_headers()
            if send_body:
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass  # the replica's own request log is ReplicaServer.requests

    return Handler
