"""Near-duplicate documents and the canonical document each one repeats (pure core).

Two kinds of repeat:
- the same text twice (one release under two DOJ components, a statement posted by two offices):
  word 5-shingles, candidates from MinHash LSH (datasketch's MinHash, cut into the bands its
  MinHashLSH would use), confirmed by the Jaccard similarity of the shingle sets (method 'shingles');
- the same text in two languages (a Commission text in English and in French): translations share
  almost no words but keep their numbers and names; documents of the same source in two different
  detected languages are compared on those anchors (method 'anchors', similarity = the Jaccard of
  their sets of numbers).

Blocking keeps this fast for tens of thousands of documents: a document is only compared with
documents published at most WINDOW_DAYS before or after it, and undated documents only with each
other. Records arrive sorted by date, so only a sliding window of fingerprints sits in memory.
A fingerprint depends on its text alone (`fingerprint`), so the texts can be fingerprinted in
worker processes while one process compares them in date order (`similar_pairs`).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
SHINGLE_THRESHOLD = 0.7   # Jaccard of shingle sets at or above which two texts are one release
# Translations: the Jaccard of their sets of numbers, each set at least MIN_NUMBERS long, and at
# least MIN_SHARED_NAMES capitalised words in common (names; sentence starts and German nouns make
# the rest of the capitalised words too noisy to weigh).
NUMBERS_THRESHOLD = 0.75
MIN_NUMBERS = 4
MIN_SHARED_NAMES = 2
WINDOW_DAYS = 7
# Of a group of new documents, the one in this language stands for the others when they share a
# date: the codebook is written in English, so English texts carry the tags researchers count.
PREFERRED_LANGUAGE = "en"
NUM_PERM = 128
# LSH only proposes candidates; a lower bar than the verdict's keeps misses (false negatives) rare.
_LSH_SHINGLES = 0.5
_LSH_NUMBERS = 0.4

_WORD = re.compile(r"\w+", re.UNICODE)
# Digits with thousands groups and decimals as any language writes them: 1,000 / 1.000 / 1 000 / 5,3.
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_NOT_DIGIT = re.compile(r"\D")
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]{2,}", re.UNICODE)


@dataclass(frozen=True)
class TextRecord:
    doc_id: str
    version: int
    source: str
    published: date | None
    language: str | None   # ISO 639-1 of the text, None when unknown
    text: str
    is_new: bool           # not compared before: pairs are only sought where one side is new


@dataclass(frozen=True)
class SimilarPair:
    first: str    # doc_id published first (or first by id)
    second: str
    similarity: float
    method: str   # 'shingles' or 'anchors'


@dataclass(frozen=True)
class Link:
    doc_id: str
    version: int
    canonical_doc_id: str
    canonical_version: int
    similarity: float
    method: str


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Overlapping runs of `size` words, lower-cased; a text shorter than that is one shingle."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def numbers(text: str) -> frozenset[str]:
    """The numbers of a text, as a translation keeps them (separators dropped: languages write
    1,000 / 1.000 / 1 000); single digits say too little to count."""
    found = {_NOT_DIGIT.sub("", n) for n in _NUMBER.findall(text)}
    return frozenset(n for n in found if len(n) >= 2)


def names(text: str) -> frozenset[str]:
    """Capitalised words, lower-cased: the people, bodies and places a translation keeps."""
    return frozenset(n.lower() for n in _NAME.findall(text))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


Bands = tuple[bytes, ...]   # a MinHash cut into the bands of an LSH index: each band's number, then its values


@dataclass(frozen=True)
class Fingerprint:
    """What comparing a document needs, made from its text alone (in a worker process, say)."""
    record: TextRecord                  # its text left out: settling the pairs needs none
    shingles: np.ndarray                # the CRC-32 of each shingle, sorted, each once (sent as bytes)
    numbers: frozenset[str]
    names: frozenset[str]
    shingle_bands: Bands | None         # None: a text without words, compared with nothing
    number_bands: Bands | None          # None: no language known, or too few numbers to match a translation


def _hash32(item: str) -> int:
    # CRC-32 of the UTF-8 bytes: several times faster than datasketch's SHA-1, and the same in every
    # process, so fingerprints made in different worker processes compare (Python's hash() is salted
    # per process). As set members its collisions are negligible: two texts of a thousand shingles
    # share a spurious one with a chance of about 1 in 4,000, which moves their Jaccard by 0.001.
    return zlib.crc32(item.encode("utf-8", errors="surrogatepass"))


_NO_SHINGLES = np.empty(0, dtype=np.uint32)


def _same(value: int) -> int:
    return value


@cache
def _template() -> MinHash:
    """One set of permutations for every MinHash (datasketch derives them from a fixed seed)."""
    return MinHash(num_perm=NUM_PERM, hashfunc=_same)


@cache
def _band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The bands datasketch's MinHashLSH cuts a MinHash into for this threshold (the split that
    weighs its false positives and false negatives equally)."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)


def _bands(hashed: list[int], threshold: float) -> Bands:
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme,
                      hashfunc=_same)
    minhash.update_batch(hashed)
    return tuple(bytes([number]) + minhash.hashvalues[start:end].tobytes()
                 for number, (start, end) in enumerate(_band_ranges(threshold)))


def fingerprint(record: TextRecord) -> Fingerprint:
    """The record's fingerprint (pure: the same in any process)."""
    bare = replace(record, text="")
    if not record.text.strip():
        return Fingerprint(bare, _NO_SHINGLES, frozenset(), frozenset(), None, None)
    words = np.unique(np.fromiter(map(_hash32, shingles(record.text)), dtype=np.uint32))
    figures = numbers(record.text)
    by_numbers = (_bands([_hash32(figure) for figure in figures], _LSH_NUMBERS)
                  if record.language and len(figures) >= MIN_NUMBERS else None)
    return Fingerprint(bare, words, figures, names(record.text), _bands(words.tolist(), _LSH_SHINGLES),
                       by_numbers)


class _BandIndex:
    """LSH over banded MinHashes, as datasketch's MinHashLSH keeps it: a document is a candidate for
    another when they agree on a whole band. The bands arrive ready-made with each fingerprint, cut
    where it was made (a worker process), so that the index itself does only dictionary lookups."""

    def __init__(self) -> None:
        self._buckets: dict[bytes, set[str]] = {}   # a band (led by its number) -> documents
        self._bands_of: dict[str, Bands] = {}

    def insert(self, doc_id: str, bands: Bands) -> None:
        self._bands_of[doc_id] = bands
        buckets = self._buckets
        for band in bands:
            bucket = buckets.get(band)
            if bucket is None:
                buckets[band] = {doc_id}
            else:
                bucket.add(doc_id)

    def query(self, bands: Bands) -> set[str]:
        get = self._buckets.get
        return set().union(*(get(band, ()) for band in bands))

    def remove(self, doc_id: str) -> None:
        buckets = self._buckets
        for band in self._bands_of.pop(doc_id):
            bucket = buckets[band]
            bucket.discard(doc_id)
            if not bucket:
                del buckets[band]


def _jaccard_of_sorted(a: np.ndarray, b: np.ndarray) -> float:
    """jaccard() of two sets given as sorted arrays of distinct values."""
    if not a.size or not b.size:
        return 0.0
    # each value of a looked up in b: no sort of both together, as np.intersect1d would do
    at = np.minimum(np.searchsorted(b, a), b.size - 1)
    shared = int(np.count_nonzero(b[at] == a))
    return shared / (a.size + b.size - shared)


class _Window:
    """The fingerprints of the documents published within the window, with their LSH indexes."""

    def __init__(self) -> None:
        self.by_shingles = _BandIndex()
        # one index per language: a text only looks for translations among the other languages
        self.by_numbers: defaultdict[str, _BandIndex] = defaultdict(_BandIndex)
        self.members: dict[str, Fingerprint] = {}
        self.order: deque[str] = deque()

    def evict_before(self, day: date | None) -> None:
        while self.order and day is not None:
            oldest = self.members[self.order[0]].record.published
            if oldest is not None and (day - oldest).days <= WINDOW_DAYS:
                break
            self._remove(self.order.popleft())

    def clear(self) -> None:
        while self.order:
            self._remove(self.order.popleft())

    def _remove(self, doc_id: str) -> None:
        gone = self.members.pop(doc_id)
        self.by_shingles.remove(doc_id)
        if gone.number_bands is not None:
            self.by_numbers[gone.record.language].remove(doc_id)

    def add(self, found: Fingerprint) -> None:
        doc_id = found.record.doc_id
        if doc_id in self.members:
            raise ValueError(f"document {doc_id} appears twice among the records")
        self.members[doc_id] = found
        self.order.append(doc_id)
        self.by_shingles.insert(doc_id, found.shingle_bands)
        if found.number_bands is not None:
            self.by_numbers[found.record.language].insert(doc_id, found.number_bands)

    def pairs_with(self, found: Fingerprint) -> Iterator[SimilarPair]:
        record = found.record
        for other_id in sorted(self.by_shingles.query(found.shingle_bands)):
            other = self.members[other_id]
            if record.is_new or other.record.is_new:
                similarity = _jaccard_of_sorted(found.shingles, other.shingles)
                if similarity >= SHINGLE_THRESHOLD:
                    yield SimilarPair(other_id, record.doc_id, similarity, "shingles")
        if found.number_bands is None:
            return
        others = {other_id for language, index in self.by_numbers.items() if language != record.language
                  for other_id in index.query(found.number_bands)}
        for other_id in sorted(others):
            other = self.members[other_id]
            if _translation(found, other):
                yield SimilarPair(other_id, record.doc_id, jaccard(found.numbers, other.numbers), "anchors")


def _translation(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether b is a's text in another language: same source, two known and different languages,
    the same numbers and some names in common."""
    x, y = a.record, b.record
    return ((x.is_new or y.is_new) and x.source == y.source
            and None not in (x.language, y.language) and x.language != y.language
            and jaccard(a.numbers, b.numbers) >= NUMBERS_THRESHOLD
            and len(a.names & b.names) >= MIN_SHARED_NAMES)


class RecentRecords:
    """The records (without texts) of the documents a pair can still name, by id: those published
    within two windows of the latest, or, once the undated ones arrive (last), the undated. What
    settling the pairs needs of the documents compared, without holding every one: a backfill
    compares the whole warehouse."""

    def __init__(self) -> None:
        self.records: dict[str, TextRecord] = {}   # in date order, as the records arrive

    def add(self, record: TextRecord) -> None:
        while self.records:
            oldest = next(iter(self.records.values()))
            if oldest.published is None or (
                record.published is not None and (record.published - oldest.published).days <= 2 * WINDOW_DAYS
            ):
                break
            del self.records[oldest.doc_id]
        self.records[record.doc_id] = record


def _date_key(record: TextRecord) -> tuple:
    return (record.published is None, record.published or date.min)


def find_similar_pairs(records: Iterable[TextRecord]) -> Iterator[SimilarPair]:
    """Pairs of near-duplicate documents where at least one side is new.

    `records` must come sorted by publication date, undated last (the order of the warehouse
    query); each is compared with those published up to WINDOW_DAYS before it, so every pair
    within WINDOW_DAYS of each other is seen once. Raises ValueError on records out of order."""
    return similar_pairs(map(fingerprint, records))


def similar_pairs(fingerprints: Iterable[Fingerprint]) -> Iterator[SimilarPair]:
    """find_similar_pairs over the records' fingerprints, made beforehand (in the records' order)."""
    window = _Window()
    previous: TextRecord | None = None
    for found in fingerprints:
        record = found.record
        if previous is not None and _date_key(record) < _date_key(previous):
            raise ValueError(f"records out of date order: {record.doc_id} ({record.published}) "
                             f"after {previous.doc_id} ({previous.published})")
        if previous is not None and previous.published is not None and record.published is None:
            window.clear()   # undated documents form a block of their own
        previous = record
        if found.shingle_bands is None:
            continue
        window.evict_before(record.published)
        yield from window.pairs_with(found)
        window.add(found)


def _settling_order(record: TextRecord) -> tuple:
    return (record.published is None, record.published or date.min,
            record.language != PREFERRED_LANGUAGE, record.doc_id)


def assign_canonicals(
    records: Iterable[TextRecord],
    pairs: Iterable[SimilarPair],
    existing: Mapping[str, tuple[str, int]],
) -> list[Link]:
    """Links from the new documents among `records` to the canonical document each repeats.

    `existing` maps documents linked before to (canonical doc_id, its version); any other document
    that is not new is canonical itself. New documents are settled in date order (on a shared date,
    English first): each links to the canonical of its most similar settled match, or becomes
    canonical when it has none. So the earliest of a group of new documents stands for the group,
    a link never points at a document that is itself linked, and links made before stay."""
    records = list(records)
    versions = {r.doc_id: r.version for r in records}
    versions.update({canonical: version for canonical, version in existing.values()})
    matches: dict[str, list[tuple[str, SimilarPair]]] = {}
    for pair in pairs:
        matches.setdefault(pair.first, []).append((pair.second, pair))
        matches.setdefault(pair.second, []).append((pair.first, pair))
    new_ids = {r.doc_id for r in records if r.is_new}
    canonical_of = {doc_id: canonical for doc_id, (canonical, _) in existing.items()}
    settled: set[str] = set()
    links = []
    for doc in sorted((r for r in records if r.is_new), key=_settling_order):
        candidates = [(other, pair) for other, pair in matches.get(doc.doc_id, [])
                      if other not in new_ids or other in settled]
        settled.add(doc.doc_id)
        if not candidates:
            continue
        # the most similar; same-language evidence before translations; then the smaller id
        other, pair = min(candidates, key=lambda c: (-c[1].similarity, c[1].method != "shingles", c[0]))
        canonical = canonical_of.get(other, other)
        if canonical == doc.doc_id:
            continue
        if canonical not in versions:
            raise ValueError(f"no version known for canonical document {canonical} (match of {doc.doc_id})")
        canonical_of[doc.doc_id] = canonical
        links.append(Link(doc.doc_id, doc.version, canonical, versions[canonical],
                          round(pair.similarity, 4), pair.method))
    return links
