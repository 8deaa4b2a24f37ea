"""The Commission side of the replica: Press Corner /api/search and /api/documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from replica.reply import Reply, Request, json_reply
from spiders.eu.references import normalise_reference
from spiders.eu.replica_snapshot import documents_response, search_entry

if TYPE_CHECKING:
    from spiders.eu.replica import EuReplica

MAX_PAGESIZE = 100
DEFAULT_PAGESIZE = 10


class BadQuery(ValueError):
    pass


def search(catalogue: EuReplica, request: Request) -> Reply:
    """GET /api/search: documents of a date range, newest first, optionally matching `text`
    (in title, lead or body, ignoring case) and of the types in `documentTypeCodes` ("IP,MEMO";
    a code no document has matches nothing)."""
    try:
        language = (request.param("language", "en") or "en").lower()
        page_size = min(_whole(request.param("pagesize"), "pagesize", DEFAULT_PAGESIZE, 1),
                        MAX_PAGESIZE)
        page_number = _whole(request.param("pagenumber"), "pagenumber", 1, 1)
        since = _day(request.param("datefrom"), "datefrom")
        until = _day(request.param("dateto"), "dateto")
    except BadQuery as error:
        return json_reply({"status": 400, "message": str(error)}, 400)
    text = (request.param("text") or "").strip().lower()
    types = _codes(request.param("documentTypeCodes"))
    matching = [
        document for document in catalogue.documents
        if language in document.languages
        and (since is None or document.day >= since)
        and (until is None or document.day <= until)
        and (not text or text in f"{document.title}\n{document.lead}\n{document.html}".lower())
        and (not types or document.doc_type in types)
    ]
    matching.sort(key=lambda document: (document.day, document.reference), reverse=True)
    chosen = matching[(page_number - 1) * page_size:page_number * page_size]
    return json_reply({
        "totalNumber": len(matching),
        "pageSize": page_size,
        "pageNumber": page_number,
        "docuLanguageListResources": [search_entry(document) for document in chosen],
    })


def documents(catalogue: EuReplica, request: Request) -> Reply:
    """GET /api/documents?reference=IP/12/1308&language=en: one document, or a 404."""
    asked = request.param("reference") or ""
    language = (request.param("language", "en") or "en").lower()
    try:
        reference = normalise_reference(asked)
    except ValueError:
        return json_reply({"status": 400, "message": f"Invalid reference {asked!r}"}, 400)
    document = catalogue.by_reference.get(reference)
    if document is None:
        return json_reply({"status": 404, "message": f"Document {reference} not found"}, 404)
    if language != "en":
        # The snapshot holds English texts only; other versions are listed, not served.
        return json_reply(
            {"status": 404, "message": f"Document {reference} not found in {language}"}, 404
        )
    return json_reply(documents_response(document))


def _whole(text: str | None, name: str, default: int, minimum: int) -> int:
    if text is None or text == "":
        return default
    if not text.strip().isdigit() or int(text) < minimum:
        raise BadQuery(f"{name} must be a whole number >= {minimum}, got {text!r}")
    return int(text)


def _codes(text: str | None) -> set[str]:
    return {code.strip().upper() for code in (text or "").split(",") if code.strip()}


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d%m%Y").date()
    except ValueError:
        raise BadQuery(f"{name} must be a date as ddmmyyyy, got {text!r}") from None
