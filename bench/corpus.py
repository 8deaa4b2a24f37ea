"""The benchmark corpus: deterministic documents of both sources, as the spiders would hand them on.

Synthetic on purpose: the corpus keeps generating doj- and eu-shaped items and replicas (the two
sources the benchmark's targets were measured on), whatever else the registry lists.

Document i depends only on (seed, i), so any document can be made alone (a sample for the
extraction floor) and the same spec always gives the same bytes. Items carry the fields of
spiders/items.py, so the corpus goes through the project's own loader like a crawl's output.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from random import Random
from typing import Any

from bench import pages, stories
from replica.catalogue import Catalogue
from replica.generator import slugify
from spiders.doj import replica as doj_replica
from spiders.doj import replica_stories as stories_doj
from spiders.doj import replica_stories_civil as stories_doj_civil
from spiders.doj.replica_names import person
from spiders.doj.replica_snapshot import doj_release
from spiders.eu import replica as eu_replica
from spiders.eu import replica_stories as stories_eu
from spiders.eu.replica_snapshot import commission_document

FIRST_DAY, LAST_DAY = date(2012, 6, 4), date(2016, 12, 30)
FETCHED_AT = "2026-01-05T09:00:00Z"  # fixed, so that the same spec gives the same bytes
_NAMESPACE = uuid.UUID("0b6f0c5e-2c55-4a55-9d0e-6d1f5b2e7a31")
_DOJ_TEMPLATES = [*stories_doj.TEMPLATES, *stories_doj_civil.TEMPLATES]
_DISTRICTS = ["ndga", "sdny", "ndil", "cdca", "sdtx", "edva", "nm", "wdwa", "sdfl", "ma", "co", "ednc"]


@dataclass(frozen=True)
class CorpusSpec:
    docs: int
    seed: int = 20121205
    eu_share: float = 0.25        # Press Corner documents among all
    relevant_share: float = 0.05  # about the sexual abuse of children (the rest is everyday business)
    undated_share: float = 0.02   # the API gave no date: the page's own date is needed

    def __post_init__(self) -> None:
        if self.docs < 0:
            raise ValueError(f"docs must be >= 0, got {self.docs}")
        for name in ("eu_share", "relevant_share", "undated_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be within [0, 1], got {getattr(self, name)}")


@dataclass(frozen=True)
class Document:
    """What one document is before it is dressed as a source's payload."""
    index: int
    source: str
    relevant: bool
    day: date
    dated: bool
    title: str
    paragraphs: list[str]
    kind: str         # Commission document type (IP, MEMO...); "PR" for DOJ
    office: str
    section: str      # the justice.gov section the page lives under ("usao-ndga"); "" for EU


def document(spec: CorpusSpec, index: int) -> Document:
    if not 0 <= index < spec.docs:
        raise IndexError(f"document {index} is outside a corpus of {spec.docs}")
    rng = Random(f"{spec.seed}/{index}")
    source = "eu" if rng.random() < spec.eu_share else "doj"
    relevant = rng.random() < spec.relevant_share
    dated = rng.random() >= spec.undated_share
    day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    if source == "doj":
        district = rng.choice(_DISTRICTS)
        office = f"U.S. Attorney's Office, {district.upper()}"
        if relevant:
            title, paragraphs = rng.choice(stories.DOJ_TEMPLATES)(rng)
        else:
            story = rng.choice(_DOJ_TEMPLATES)(rng, f"U.S. Attorney {person(rng)}")
            title, paragraphs = story.title, story.paragraphs
        paragraphs = [*paragraphs, *_doj_boilerplate(rng)]
        return Document(index, source, relevant, day, dated, title, paragraphs, "PR", office,
                        f"usao-{district}")
    if relevant:
        title, paragraphs = rng.choice(stories.EU_TEMPLATES)(rng)
        kind = "IP"
    else:
        release = rng.choice(stories_eu.TEMPLATES)(rng)
        title, paragraphs, kind = release.title, [release.lead, *release.paragraphs], release.kind
    return Document(index, source, relevant, day, dated, title, paragraphs, kind, "Brussels", "")


def _doj_boilerplate(rng: Random) -> list[str]:
    """The closing paragraphs most releases carry, in varying number."""
    closing = [
        f"The case is being prosecuted by Assistant U.S. Attorney {person(rng)}.",
        f"The investigation was led by special agents working with local police in {rng.choice(pages.STATES)}.",
        ("An indictment is merely an allegation, and every defendant is presumed innocent unless and "
         "until proven guilty beyond a reasonable doubt in a court of law."),
        ("The sentence was imposed by a federal district judge after considering the U.S. Sentencing "
         "Guidelines and other statutory factors."),
    ]
    return rng.sample(closing, rng.randint(1, len(closing)))


def body_html(doc: Document) -> str:
    city = "WASHINGTON" if doc.source == "doj" else f"Brussels, {doc.day.day} {doc.day:%B %Y}"
    first, *rest = doc.paragraphs
    return "\n".join([f"<p>{city} – {first}</p>", *(f"<p>{p}</p>" for p in rest)])


def doj_url(doc: Document) -> str:
    return f"https://www.justice.gov/{doc.section}/pr/{slugify(doc.title)}-{doc.index}"


def eu_reference(doc: Document) -> str:
    return f"{doc.kind}/{doc.day:%y}/{doc.index + 1}"


def corpus_item(spec: CorpusSpec, index: int) -> dict[str, Any]:
    """Document `index` as a spider item (spiders/items.py): DOJ as the whole page (an API
    record without a body), Commission documents as the Press Corner's htmlContent."""
    doc = document(spec, index)
    published = doc.day.isoformat() if doc.dated else None
    if doc.source == "doj":
        url = doj_url(doc)
        number = f"{doc.day:%y}-{index % 1000:03d}"
        moment = datetime.combine(doc.day, time(9), UTC)
        html = pages.release_page(title=doc.title, day=doc.day, office=doc.office, body_html=body_html(doc),
                                  number=number, url=url, rng=Random(f"{spec.seed}/{index}/page"))
        return _item("doj", str(uuid.uuid5(_NAMESPACE, url)), url, doc.title, published, html, url, {
            "uuid": str(uuid.uuid5(_NAMESPACE, url)), "title": doc.title, "url": url, "number": number,
            "date": str(int(moment.timestamp())) if doc.dated else None, "body": "",
            "component": [{"name": doc.office}], "topic": [],
        }, [url, number])
    reference = eu_reference(doc)
    code = reference.replace("/", "_").lower()
    url = f"https://ec.europa.eu/commission/presscorner/detail/en/{code}"
    fetch = f"https://ec.europa.eu/commission/presscorner/api/documents?reference={reference}&language=en"
    return _item("eu", reference, url, doc.title, published, body_html(doc), fetch, {
        "refCd": reference, "eventDate": published, "docutypeResource": {"code": doc.kind},
    }, [reference, url])


def _item(source: str, source_id: str, url: str, title: str, published: str | None, html: str,
          fetch_url: str, api: dict, aliases: list[str]) -> dict[str, Any]:
    return {"source": source, "source_id": source_id, "url": url, "title": title,
            "published": published, "language": "en", "html": html, "fetched_at": FETCHED_AT,
            "fetch_url": fetch_url, "api": api, "languages": ["en"], "aliases": sorted(aliases),
            "subtitle": None}


def corpus_items(spec: CorpusSpec, indices: range | None = None) -> Iterator[dict[str, Any]]:
    for index in indices if indices is not None else range(spec.docs):
        yield corpus_item(spec, index)


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    docs: int
    relevant: int
    bytes: int


def write_crawl_file(spec: CorpusSpec, path: Path) -> CorpusFile:
    """Write the corpus as a crawl's JSON-lines output, one document at a time."""
    relevant = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for index in range(spec.docs):
            relevant += document(spec, index).relevant
            handle.write(json.dumps(corpus_item(spec, index), ensure_ascii=False) + "\n")
    return CorpusFile(Path(path), spec.docs, relevant, Path(path).stat().st_size)


def replica_catalogue(spec: CorpusSpec, page_only_share: float = 0.3) -> Catalogue:
    """The same documents as the replica serves them, for crawling: DOJ releases through the News
    API (a share only on their page, as for real), Commission documents through the Press Corner."""
    doj, eu = [], []
    for index in range(spec.docs):
        doc = document(spec, index)
        if doc.source == "doj":
            rng = Random(f"{spec.seed}/{index}/api")
            doj.append(doj_release({
                "title": doc.title, "date": doc.day, "url": doj_url(doc), "number": None,
                "component": [doc.office], "topic": [], "teaser": None,
                "page_only": rng.random() < page_only_share, "body": body_html(doc),
            }, f"benchmark document {index}"))
        else:
            eu.append(commission_document({
                "reference": eu_reference(doc), "date": doc.day, "title": doc.title, "subtitle": None,
                "lead": doc.paragraphs[0], "languages": ["en"], "countries": [], "html": body_html(doc),
            }, f"benchmark document {index}"))
    return Catalogue([doj_replica.from_releases(doj), eu_replica.from_documents(eu)])


def late_doj_releases(spec: CorpusSpec, first_day: date) -> list:
    """The corpus's DOJ documents as releases published from `first_day` on, one a day: news
    that appears after a crawl, for an incremental run to find."""
    releases = []
    for index in range(spec.docs):
        doc = document(spec, index)
        day = first_day + timedelta(days=index)
        releases.append(doj_release({
            "title": doc.title, "date": day, "url": doj_url(doc), "number": None,
            "component": [doc.office], "topic": [], "teaser": None, "page_only": False,
            "body": body_html(doc),
        }, f"late benchmark document {index}"))
    return releases


def split_by_source(crawl_file: Path) -> dict[str, Path]:
    """The corpus as the crawls write it, one file per source (`<stem>.<source>.jsonl` beside it):
    the loader takes a crawl file for one source and rejects the items of any other."""
    crawl_file = Path(crawl_file)
    outputs: dict[str, Any] = {}
    try:
        with crawl_file.open(encoding="utf-8") as lines:
            for line in lines:
                source = json.loads(line)["source"]
                if source not in outputs:
                    target = crawl_file.with_name(f"{crawl_file.stem}.{source}.jsonl")
                    outputs[source] = target.open("w", encoding="utf-8")
                outputs[source].write(line)
    finally:
        for handle in outputs.values():
            handle.close()
    return {source: Path(handle.name) for source, handle in sorted(outputs.items())}
