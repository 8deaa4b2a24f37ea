"""The tagger: relevance, member countries and policy goals of one document, with evidence."""

from __future__ import annotations

from pathlib import Path

from pipelines.reference_files import REFERENCE_DIR
from pipelines.tagging.codebook import Codebook
from pipelines.tagging.countries import CountryMatcher
from pipelines.tagging.country_names import load_name_table
from pipelines.tagging.models import MemberTag, TagInput, TagResult
from pipelines.tagging.roster import Roster
from pipelines.tagging.scoring import best_per_goal_and_mode, find_goals, judge_relevance
from pipelines.tagging.sentences import FieldText

# Who issues each source's releases: the DOJ speaks for the United States, the Commission for
# no country.
ISSUERS = {"doj": "US"}


class Tagger:
    def __init__(self, codebook: Codebook, roster: Roster, matcher: CountryMatcher):
        self.codebook = codebook
        self.roster = roster
        self._matcher = matcher

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
        """Raises CodebookError (one line: file and what) when a file is missing or malformed."""
        codebook = Codebook.from_yaml(codebook_path)
        roster = Roster.from_csv(roster_path)
        table = load_name_table(names_path or REFERENCE_DIR / "country_names.yaml", roster.codes())
        return cls(codebook, roster, CountryMatcher(table))

    @property
    def codebook_version(self) -> str:
        return self.codebook.version

    def tag(self, doc: TagInput) -> TagResult:
        fields = [FieldText.of("title", doc.title or ""), FieldText.of("text", doc.text or "")]
        relevance = judge_relevance(self.codebook, fields)
        goal_evidence = find_goals(self.codebook, fields) if relevance.relevant else []
        return TagResult(
            id=doc.id,
            relevant=relevance.relevant,
            relevance_evidence=[ev for ev, _ in relevance.evidence],
            relevance_rules=[rule for _, rule in relevance.evidence],
            members=self._members(doc, fields),
            goals=best_per_goal_and_mode(goal_evidence),
            goal_evidence=goal_evidence,
            codebook_version=self.codebook.version,
        )

    def _members(self, doc: TagInput, fields: list[FieldText]) -> list[MemberTag]:
        tags: list[MemberTag] = []
        issuer = ISSUERS.get(doc.source)
        if issuer is not None:
            tags.append(
                MemberTag(issuer, "issuer", self.roster.is_member(issuer, doc.published), None)
            )
        seen: set[str] = set()
        by_name = {f.name: f for f in fields}
        for mention in self._matcher.mentions(fields, doc.source):
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
