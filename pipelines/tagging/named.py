"""What each sentence of a document names: countries (by name or demonym) and public bodies, with
the bodies whose country the name alone leaves open resolved from the document where it can."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.tagging.actors import Named
from pipelines.tagging.agencies import AgencyMatcher
from pipelines.tagging.countries import Mention
from pipelines.tagging.scoring import SentenceKey
from pipelines.tagging.sentences import FieldText, sentence_index


@dataclass(frozen=True)
class Sentence:
    key: SentenceKey
    field: FieldText
    start: int
    end: int
    named: list[Named]

    @property
    def text(self) -> str:
        return self.field.text[self.start : self.end]

    @classmethod
    def bare(cls, fields: Sequence[FieldText], key: SentenceKey) -> Sentence:
        return cls(key, fields[key[0]], *fields[key[0]].spans[key[1]], [])


def named_sentences(fields: Sequence[FieldText], mentions: Sequence[Mention],
                    agencies: AgencyMatcher, source: str) -> dict[SentenceKey, Sentence]:
    """Every sentence that names a country or a body, keyed by (field, sentence)."""
    named: dict[SentenceKey, list[Named]] = {}
    index = {f.name: i for i, f in enumerate(fields)}
    for m in mentions:
        kind = "demonym" if m.form.kind == "demonym" else "name"
        named.setdefault((index[m.field], m.sentence), []).append(Named(m.code, m.start, m.end, kind))
    for fi, f in enumerate(fields):
        for found in agencies.find(f.text, source):
            si = sentence_index(f.spans, found.start)
            if si is not None:
                kind = "agency" if found.member else "body"
                named.setdefault((fi, si), []).append(
                    Named(found.code, found.start, found.end, kind, found.candidates))
    return {key: Sentence(key, fields[key[0]], *fields[key[0]].spans[key[1]],
                          sorted(ns, key=lambda n: n.start))
            for key, ns in named.items()}


def resolved(named: list[Named], sentences: dict[SentenceKey, Sentence]) -> list[Named]:
    """An ambiguous body ('the National Police') belongs to the one candidate the sentence, else the
    document, names as a country; otherwise to nobody."""
    out = []
    for n in named:
        if n.kind == "agency" and n.code is None and n.candidates:
            here = {m.code for m in named if m.kind in ("name", "demonym")} & set(n.candidates)
            there = {m.code for s in sentences.values() for m in s.named
                     if m.kind in ("name", "demonym")} & set(n.candidates)
            pick = here if len(here) == 1 else there if len(there) == 1 else set()
            n = Named(pick.pop(), n.start, n.end, n.kind) if pick else n
        out.append(n)
    return out
