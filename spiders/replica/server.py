"""The replica HTTP server: both sources' routes on 127.0.0.1, in a background thread.

Every reply passes through a `faults` object before it is sent, so tests can make the replica
misbehave the way the real sites do (rate limits, errors, slow or broken bodies...).
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol, Self
from urllib.parse import parse_qs, urlsplit

from spiders.replica import doj_api, presscorner_api
from spiders.replica.catalogue import Catalogue, load_catalogue
from spiders.replica.pages import not_found_page
from spiders.replica.reply import Reply, Request, html_reply, json_reply, text_reply

PRESSCORNER_PREFIX = "/commission/presscorner"
ITEM_PATH = re.compile(r"/api/v1/press_releases/([^/]+)\.json")
ROBOTS_TXT = """\
User-agent: *
Disallow: /admin/
Disallow: /search/
Disallow: /user/
Disallow: /node/add/
Disallow: /commission/presscorner/api/files/
"""


class Faults(Protocol):
    """Consulted for every request; returns the reply to send (the one given, or another).

    A faults object may also have `prepare(catalogue)`, called once before serving, for
    faults that change what the sources hold rather than how one reply looks.
    """

    def intercept(self, request: Request, reply: Reply) -> Reply: ...


class NoFaults:
    def intercept(self, request: Request, reply: Reply) -> Reply:
        return reply


def route(catalogue: Catalogue, request: Request) -> Reply:
    """The reply the well-behaved sites would give to `request`."""
    if request.method not in ("GET", "HEAD"):
        return text_reply("Method Not Allowed", 405)
    path = request.path
    if path == "/robots.txt":
        return text_reply(ROBOTS_TXT)
    if path == doj_api.LISTING_PATH:
        return doj_api.press_releases(catalogue, request)
    item = ITEM_PATH.fullmatch(path)
    if item:
        return doj_api.press_release(catalogue, item.group(1))
    if path == f"{PRESSCORNER_PREFIX}/api/search":
        return presscorner_api.search(catalogue, request)
    if path == f"{PRESSCORNER_PREFIX}/api/documents":
        return presscorner_api.documents(catalogue, request)
    page = doj_api.page(catalogue, path)
    if page is not None:
        return page
    if path.startswith(("/api/", f"{PRESSCORNER_PREFIX}/api/")):
        return json_reply({"status": 404, "message": "Not Found"}, 404)
    return html_reply(not_found_page(), 404)


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

    @property
    def doj_base_url(self) -> str:
        return self.base_url

    @property
    def presscorner_base_url(self) -> str:
        return f"{self.base_url}{PRESSCORNER_PREFIX}"

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
