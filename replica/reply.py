"""What the replica's routes take and give: plain values, so a fault can rewrite a reply."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    number: int  # 1 for the server's first request, 2 for the next...
    received_at: float = 0.0  # time.monotonic() when it arrived, to check the crawl's pace

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # For faults: seconds to wait before answering, and a Content-Length that differs from
    # the body's real length (a truncated or overlong response).
    delay_seconds: float = 0.0
    declared_length: int | None = None


def json_reply(payload: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def html_reply(text: str, status: int = 200) -> Reply:
    return Reply(status, text.encode("utf-8"), "text/html; charset=utf-8")


def text_reply(text: str, status: int = 200) -> Reply:
    return Reply(status, text.encode("utf-8"), "text/plain; charset=utf-8")
