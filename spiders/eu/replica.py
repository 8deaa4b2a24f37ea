"""The Commission's part of the local replica: the Press Corner's /api/search and /api/documents
under /commission/presscorner, serving the snapshot (snapshot/) plus generated documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from replica.reply import Reply, Request, json_reply
from replica.snapshot import refuse_duplicates, with_generated
from spiders.eu import replica_api
from spiders.eu.replica_generator import generate_eu_records
from spiders.eu.replica_snapshot import (
    EU_FILE,
    SNAPSHOT_DIR,
    CommissionDocument,
    commission_document,
    load_eu_documents,
)

NAME = "eu"
SNAPSHOT_FILES = (EU_FILE,)
PREFIX = "/commission/presscorner"
SEARCH_PATH = f"{PREFIX}/api/search"
DOCUMENTS_PATH = f"{PREFIX}/api/documents"
PAGE_PARAMETERS = ("pagenumber",)  # for the faults (replica/source.py)


class EuReplica:
    name = NAME
    robots_disallow = (f"{PREFIX}/api/files/",)

    def __init__(self, documents: list[CommissionDocument]) -> None:
        self.documents = documents
        self.by_reference = {document.reference: document for document in documents}

    def answer(self, request: Request) -> Reply | None:
        if request.path == SEARCH_PATH:
            return replica_api.search(self, request)
        if request.path == DOCUMENTS_PATH:
            return replica_api.documents(self, request)
        if request.path.startswith(f"{PREFIX}/api/"):
            return json_reply({"status": 404, "message": "Not Found"}, 404)
        return None

    def days(self) -> list[date]:
        return [document.day for document in self.documents]


def replica(snapshot_dir: Path | None = None, *, generated: bool = True) -> EuReplica:
    """The snapshot in `snapshot_dir` (default: the bundled one), plus generated documents whose
    reference no hand-written one has. SnapshotError for a missing, unreadable or bad file."""
    path = (Path(snapshot_dir) if snapshot_dir is not None else SNAPSHOT_DIR) / EU_FILE
    documents = load_eu_documents(path)
    refuse_duplicates([document.reference for document in documents], path, "reference")
    if generated:
        documents = with_generated(documents, (
            commission_document(raw, f"generated Commission record {i}")
            for i, raw in enumerate(generate_eu_records())), key=lambda document: document.reference)
    return EuReplica(documents)


def from_documents(documents: list[CommissionDocument]) -> EuReplica:
    """A Commission replica serving exactly these documents (the bench's corpora)."""
    return EuReplica(list(documents))


def listing_page(request: Request) -> int | None:
    if request.path != SEARCH_PATH:
        return None
    number = request.param("pagenumber", "1") or "1"
    return int(number) - 1 if number.isdigit() and int(number) > 0 else None


def is_document(request: Request) -> bool:
    return request.path == DOCUMENTS_PATH


def listing_rows(payload: dict[str, Any]) -> list | None:
    rows = payload.get("docuLanguageListResources")
    return rows if isinstance(rows, list) else None


def announce_more(payload: dict[str, Any], extra: int) -> None:
    if "totalNumber" in payload:
        payload["totalNumber"] = int(payload["totalNumber"]) + extra
