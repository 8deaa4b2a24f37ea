"""The tagger: relevance, member countries and policy goals of one document, with evidence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipelines.known_sources import ISSUERS as KNOWN_ISSUERS
from pipelines.reference_files import REFERENCE_DIR
from pipelines.tagging.agencies import AgencyMatcher, AgencyTable
from pipelines.tagging.codebook import Codebook
from pipelines.tagging.countries import CountryMatcher, Mention
from pipelines.tagging.country_names import load_name_table
from pipelines.tagging.events import EventFinder
from pipelines.tagging.frames import EventFrames
from pipelines.tagging.models import MemberTag, TagInput, TagResult
from pipelines.tagging.roster import Roster
from pipelines.tagging.scoring import best_per_goal_and_mode, goal_hits, judge_relevance
from pipelines.tagging.sentences import FieldText

# The member whose government speaks in each source's documents (the registry's issuer); sources
# whose issuer is no member (the Commission) are left out.
ISSUERS = {source: issuer for source, issuer in KNOWN_ISSUERS.items() if issuer}


class Tagger:
    def __init__(self, codebook: Codebook, roster: Roster, matcher: CountryMatcher,
                 events: EventFinder):
        self.codebook = codebook
        self.roster = roster
        self._matcher = matcher
        self._events = events

    @classmethod
    def from_reference(cls) -> Tagger:
        """The tagger of the reference files shipped in `pipelines/reference/`."""
        return cls.from_files(REFERENCE_DIR / "codebook.yaml", REFERENCE_DIR / "roster.csv")

    @classmethod
    def from_files(
        cls,
        codebook_path: str | Path,
        roster_path: str | Path,
        names_path: str | Path | None = None,
    ) -> Tagger:
        """Raises CodebookError (one line: file and what) when a file is missing or malformed.
        Agencies and event frames are the shipped reference files."""
        return cls.with_codebook(Codebook.from_yaml(codebook_path), roster_path, names_path)

    @classmethod
    def with_codebook(
        cls,
        codebook: Codebook,
        roster_path: str | Path,
        names_path: str | Path | None = None,
    ) -> Tagger:
        """A tagger of a codebook already read, the other files as from_files reads them."""
        roster = Roster.from_csv(roster_path)
        table = load_name_table(names_path or REFERENCE_DIR / "country_names.yaml", roster.codes())
        agencies = AgencyMatcher(AgencyTable.from_yaml(REFERENCE_DIR / "agencies.yaml", roster.codes()))
        frames = EventFrames.from_yaml(REFERENCE_DIR / "event_frames.yaml")
        return cls(codebook, roster, CountryMatcher(table), EventFinder(frames, agencies, ISSUERS))

    @property
    def codebook_version(self) -> str:
        return self.codebook.version

    def tag(self, doc: TagInput) -> TagResult:
        fields = [FieldText.of("title", doc.title or ""), FieldText.of("text", doc.text or "")]
        # What a document is about is said by its title and, where the source gives one, its
        # subtitle (a speech's title is often a phrase; its occasion is in the subtitle).
        about = fields[:1] + ([FieldText.of("subtitle", doc.subtitle)] if doc.subtitle.strip() else []) + fields[1:]
        relevance = judge_relevance(self.codebook, about)
        mentions = self._matcher.mentions(fields, doc.source)
        hits = (
            goal_hits(self.codebook, fields, self._events.boilerplate(fields))
            if relevance.relevant
            else []
        )
        goal_evidence = [hit.tag for hit in hits]
        return TagResult(
            id=doc.id,
            relevant=relevance.relevant,
            relevance_evidence=[ev for ev, _ in relevance.evidence],
            relevance_rules=[rule for _, rule in relevance.evidence],
            members=self._members(doc, fields, mentions),
            goals=best_per_goal_and_mode(goal_evidence),
            goal_evidence=goal_evidence,
            codebook_version=self.codebook.version,
            alliance_framed=relevance.relevant and self._framed(about),
            events=[
                replace(e, member_on_date=self.roster.is_member(e.member, doc.published))
                for e in self._events.find(fields, hits, mentions, doc.source)
            ] if relevance.relevant else [],
        )

    def _framed(self, fields: list[FieldText]) -> bool:
        framing = self.codebook.framing
        return framing is not None and any(framing.search(f.text) for f in fields)

    def _members(self, doc: TagInput, fields: list[FieldText], mentions: list[Mention]) -> list[MemberTag]:
        tags: list[MemberTag] = []
        issuer = ISSUERS.get(doc.source)
        if issuer is not None:
            tags.append(
                MemberTag(issuer, "issuer", self.roster.is_member(issuer, doc.published), None)
            )
        seen: set[str] = set()
        by_name = {f.name: f for f in fields}
        for mention in mentions:
            if mention.code in seen:
                continue
            seen.add(mention.code)
            evidence = by_name[mention.field].evidence(mention.sentence)
            tags.append(
                MemberTag(
                    mention.code,
                    "mentioned",
                    self.roster.is_member(mention.code, doc.published),
                    evidence,
                )
            )
        return tags
