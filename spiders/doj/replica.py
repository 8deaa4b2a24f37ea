"""The DOJ's part of the local replica: justice.gov's News API v1 (listing and items) and the
release pages, serving the snapshot (snapshot/) plus generated unrelated releases."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path
from typing import Any

from replica.reply import Reply, Request, html_reply, json_reply
from replica.snapshot import refuse_duplicates, with_generated
from replica.source import Revision
from spiders.doj import replica_api
from spiders.doj.replica_generator import generate_doj_records
from spiders.doj.replica_pages import not_found_page
from spiders.doj.replica_snapshot import (
    DOJ_FILE,
    SNAPSHOT_DIR,
    DojRelease,
    doj_release,
    load_doj_releases,
)

NAME = "doj"
SNAPSHOT_FILES = (DOJ_FILE,)
ITEM_PATH = re.compile(r"/api/v1/press_releases/([^/]+)\.json")
LISTING_PATH = replica_api.LISTING_PATH
PAGE_PARAMETERS = ("page",)  # for the faults (replica/source.py)


class DojReplica:
    name = NAME
    robots_disallow = ("/admin/", "/search/", "/user/", "/node/add/")

    def __init__(self, releases: list[DojRelease]) -> None:
        self.releases = releases
        self.by_uuid = {release.api["uuid"]: release for release in releases}
        self.by_path = {release.path: release for release in releases}

    def answer(self, request: Request) -> Reply | None:
        path = request.path
        if path == LISTING_PATH:
            return replica_api.press_releases(self, request)
        item = ITEM_PATH.fullmatch(path)
        if item:
            return replica_api.press_release(self, item.group(1))
        page = replica_api.page(self, path)
        if page is not None:
            return page
        if path.startswith("/api/"):
            return json_reply({"status": 404, "message": "Not Found"}, 404)
        return html_reply(not_found_page(), 404)

    def days(self) -> list[date]:
        return [release.day for release in self.releases]

    def related(self, release: DojRelease, limit: int = 3) -> list[DojRelease]:
        """Other releases of the same component, nearest in date: the page's Related Content."""
        names = {c["name"] for c in release.api["component"]}
        same = [
            other for other in self.releases
            if other is not release and names & {c["name"] for c in other.api["component"]}
        ]
        same.sort(key=lambda other: (abs((other.day - release.day).days), other.path))
        return same[:limit]

    def revise(self, key: str | None = None) -> Revision:
        """Revise a release after publication (a correction at the end of its body, `changed` now):
        the one with uuid `key`, else the oldest with an API body."""
        with_body = sorted((r for r in self.releases if r.api["body"]),
                           key=lambda release: (release.day, release.api["uuid"]))
        release = self.by_uuid[key] if key else with_body[0]
        release.api["body"] = (release.api["body"] or release.page_body) + (
            "\n<p>Correction: an earlier version of this release gave a wrong date for the "
            "hearing.</p>\n")
        changed_at = int(time.time())
        release.api["changed"] = str(changed_at)
        return Revision(release.api["uuid"], release.api["body"], changed_at)


def replica(snapshot_dir: Path | None = None, *, generated: bool = True) -> DojReplica:
    """The snapshot in `snapshot_dir` (default: the bundled one), plus generated releases whose
    url no hand-written one has. SnapshotError for a missing, unreadable or bad file."""
    path = (Path(snapshot_dir) if snapshot_dir is not None else SNAPSHOT_DIR) / DOJ_FILE
    releases = load_doj_releases(path)
    refuse_duplicates([release.path for release in releases], path, "url")
    if generated:
        releases = with_generated(releases, (
            doj_release(raw, f"generated DOJ record {i}") for i, raw in enumerate(generate_doj_records())),
            key=lambda release: release.path)
    return DojReplica(releases)


def from_releases(releases: list[DojRelease]) -> DojReplica:
    """A DOJ replica serving exactly these releases (the bench's corpora)."""
    return DojReplica(list(releases))


def listing_page(request: Request) -> int | None:
    if request.path != LISTING_PATH:
        return None
    page = request.param("page", "0") or "0"
    return int(page) if page.isdigit() else None


def is_document(request: Request) -> bool:
    return bool(ITEM_PATH.fullmatch(request.path)) or "/pr/" in request.path


def listing_rows(payload: dict[str, Any]) -> list | None:
    rows = payload.get("results")
    return rows if isinstance(rows, list) else None


def announce_more(payload: dict[str, Any], extra: int) -> None:
    resultset = payload.get("metadata", {}).get("resultset")
    if isinstance(resultset, dict) and "count" in resultset:
        resultset["count"] = int(resultset["count"]) + extra


