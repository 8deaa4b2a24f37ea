"""The DOJ side of the replica: News API v1 listing and items, and the release pages."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING

from replica.reply import Reply, Request, html_reply, json_reply
from spiders.doj.replica_pages import release_page
from spiders.doj.replica_snapshot import EASTERN

if TYPE_CHECKING:
    from spiders.doj.replica import DojReplica

LISTING_PATH = "/api/v1/press_releases.json"
MAX_PAGESIZE = 50
DEFAULT_PAGESIZE = 20
SORT_FIELDS = ("date", "created", "changed")


class BadQuery(ValueError):
    pass


def press_releases(catalogue: DojReplica, request: Request) -> Reply:
    """GET /api/v1/press_releases.json: one page of releases in the requested order."""
    started = time.perf_counter()
    try:
        page = _whole(request.param("page", "0"), "page", minimum=0)
        pagesize = min(_whole(request.param("pagesize", str(DEFAULT_PAGESIZE)), "pagesize",
                              minimum=1), MAX_PAGESIZE)
        sort = request.param("sort", "date")
        if sort not in SORT_FIELDS:
            raise BadQuery(f"sort must be one of {', '.join(SORT_FIELDS)}")
        direction = (request.param("direction", "DESC") or "").upper()
        if direction not in ("ASC", "DESC"):
            raise BadQuery("direction must be ASC or DESC")
        releases = _filtered(catalogue, request)
    except BadQuery as error:
        return json_reply(_metadata(400, str(error), 0, 0, 0, started) | {"results": []}, 400)
    ordered = sorted(
        releases,
        key=lambda release: (int(release.api[sort]), release.api["uuid"]),
        reverse=direction == "DESC",
    )
    chosen = ordered[page * pagesize:(page + 1) * pagesize]
    payload = _metadata(200, "OK", len(ordered), pagesize, page, started)
    payload["results"] = [release.api for release in chosen]
    return json_reply(payload)


def press_release(catalogue: DojReplica, uuid: str) -> Reply:
    """GET /api/v1/press_releases/{uuid}.json: one release, as it appears in the listing."""
    release = catalogue.by_uuid.get(uuid)
    if release is None:
        return json_reply({"status": 404, "message": f"No press release with uuid {uuid}"}, 404)
    return json_reply(release.api)


def page(catalogue: DojReplica, path: str) -> Reply | None:
    """The justice.gov page of the release published at `path`; None when there is none."""
    release = catalogue.by_path.get(path)
    if release is None:
        return None
    return html_reply(release_page(release, catalogue.related(release)))


def _filtered(catalogue: DojReplica, request: Request) -> list:
    releases = catalogue.releases
    day_filter = request.param("parameters[date]")
    if day_filter:
        moment = datetime.fromtimestamp(_whole(day_filter, "parameters[date]", minimum=0), EASTERN)
        releases = [r for r in releases if r.day == moment.date()]
    title_filter = (request.param("parameters[title]") or "").strip().lower()
    if title_filter:
        releases = [r for r in releases if title_filter in r.api["title"].lower()]
    return releases


def _whole(text: str | None, name: str, *, minimum: int) -> int:
    if text is None or not text.strip().isdigit() or int(text) < minimum:
        raise BadQuery(f"{name} must be a whole number >= {minimum}, got {text!r}")
    return int(text)


def _metadata(status: int, message: str, count: int, pagesize: int, page: int,
              started: float) -> dict:
    return {
        "metadata": {
            "responseInfo": {"status": status, "developerMessage": message},
            "resultset": {"count": count, "pagesize": pagesize, "page": page},
            "executionTime": round(time.perf_counter() - started, 4),
        }
    }
