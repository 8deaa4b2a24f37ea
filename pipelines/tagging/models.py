"""Plain data that goes into and comes out of the tagger."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from spiders.registry import NAMES

Field = Literal["title", "subtitle", "text"]
GOALS = ("victims", "prosecution", "awareness", "availability")
MODES = ("action", "commitment")
ROLES = ("actor", "partner", "signatory")
# The sources a document to tag may come from: the registry's.
SOURCES = NAMES


class CodebookError(ValueError):
    """A reference file (codebook, roster, country names) is missing or malformed.

    The message is one line: the file, then where in it and what is wrong.
    """


@dataclass(frozen=True)
class TagInput:
    id: str
    source: str
    title: str
    text: str
    published: date | None = None
    subtitle: str = ""  # a speech's speaker and occasion, a release's standfirst: read for relevance


@dataclass(frozen=True)
class Evidence:
    """A sentence of one field; `field_text[start:end] == sentence`."""

    field: Field
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class MemberTag:
    code: str
    how: Literal["issuer", "mentioned"]
    member_on_date: bool | None
    evidence: Evidence | None


@dataclass(frozen=True)
class GoalTag:
    goal: str
    mode: Literal["action", "commitment"]
    confidence: float
    evidence: Evidence


@dataclass(frozen=True)
class EventTag:
    """An implementation event: `member`'s authorities did (action) or pledged (commitment) something
    under `goal`, says `evidence`."""

    member: str
    goal: str
    mode: Literal["action", "commitment"]
    role: Literal["actor", "partner", "signatory"]
    confidence: float
    evidence: Evidence
    # Kept in the warehouse, not in `tag` output lines: the roster's answer for the publication day
    # (None: undated or unknown), and where in the field the member's and the goal's words are (None
    # where the sentence does not name them: the issuer of a DOJ release, a signed statement's target).
    member_on_date: bool | None = None
    member_words: tuple[int, int] | None = None
    goal_words: tuple[int, int] | None = None

    def to_output(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "goal": self.goal,
            "mode": self.mode,
            "role": self.role,
            "confidence": self.confidence,
            **_evidence_fields(self.evidence),
        }


@dataclass(frozen=True)
class TagResult:
    id: str
    relevant: bool
    relevance_evidence: list[Evidence]
    members: list[MemberTag]
    goals: list[GoalTag]
    codebook_version: str
    # Every goal sentence, not only the best one per (goal, mode) kept in `goals`.
    goal_evidence: list[GoalTag] = field(default_factory=list)
    relevance_rules: list[str] = field(default_factory=list)
    # Who did or pledged what, one per (member, goal, mode); empty for an irrelevant document.
    events: list[EventTag] = field(default_factory=list)
    # A relevant document that names the Alliance, WePROTECT or the Alliance's targets (warehouse only).
    alliance_framed: bool = False

    def mentioned_codes(self) -> list[str]:
        return sorted({m.code for m in self.members if m.how == "mentioned"})

    def to_output(self) -> dict[str, Any]:
        """The JSON object of one output line of `alliance-tracker tag`."""
        evidence: list[dict[str, Any]] = []
        rules = [
            *self.relevance_rules,
            *[None] * (len(self.relevance_evidence) - len(self.relevance_rules)),
        ]
        for ev, rule in zip(self.relevance_evidence, rules, strict=False):
            evidence.append({"kind": "relevance", "code": rule, **_evidence_fields(ev)})
        for m in self.members:
            evidence.append(
                {"kind": "member", "code": m.code, "how": m.how, **_evidence_fields(m.evidence)}
            )
        for g in self.goals:
            evidence.append(
                {
                    "kind": "goal",
                    "code": g.goal,
                    "mode": g.mode,
                    "confidence": g.confidence,
                    **_evidence_fields(g.evidence),
                }
            )
        return {
            "id": self.id,
            "relevant": self.relevant,
            "members": self.mentioned_codes(),
            "goals": sorted({g.goal for g in self.goals}),
            "evidence": evidence,
            "codebook_version": self.codebook_version,
            "events": [e.to_output() for e in self.events],
        }


def _evidence_fields(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:  # an issuer tag: no sentence says who issued the release
        return {"field": None, "start": None, "end": None, "sentence": None}
    return {"field": ev.field, "start": ev.start, "end": ev.end, "sentence": ev.sentence}
