"""The event frames (`event_frames.yaml`) read into compiled patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.tagging.reference_yaml import Where, compile_regex, load_yaml, required

_PLACEHOLDERS = ("authority", "person", "finite_verb")


@dataclass(frozen=True)
class EventFrames:
    authority_after: re.Pattern[str]  # "<demonym> police", "<country>'s ministry"
    authority_before: re.Pattern[str]  # "police in <country>"
    person_after: re.Pattern[str]  # "<demonym> national"
    led_after: re.Pattern[str]  # "<demonym>-led operation"
    subject_after: re.Pattern[str]  # "<country> has set up"
    partner_before: re.Pattern[str]
    partner_after: re.Pattern[str]
    recipient_before: re.Pattern[str]
    recipient_then_acts: re.Pattern[str]
    place_before: re.Pattern[str]
    clause_start: re.Pattern[str]
    extradition_from: re.Pattern[str]
    signatory: re.Pattern[str]
    statement_of_targets: re.Pattern[str]
    all_targets: re.Pattern[str]
    not_an_act: re.Pattern[str]
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    general_resolve: re.Pattern[str]
    boilerplate: re.Pattern[str]
    speaker_title: re.Pattern[str]
    speaker_role: re.Pattern[str]
    first_person: re.Pattern[str]
    quote_attribution: re.Pattern[str]
    anaphor: re.Pattern[str]
    in_country_authority: re.Pattern[str]  # "In Cyprus, police ..."
    clause_in: re.Pattern[str]
    collective_including: re.Pattern[str]
    collective_pledge: re.Pattern[str]
    not_a_pledge: re.Pattern[str]
    collective_subject: re.Pattern[str]
    partner_word: re.Pattern[str]
    same_again: re.Pattern[str]
    presidency: re.Pattern[str]
    national_marker: re.Pattern[str]
    its_authority: re.Pattern[str]
    pledge_intro: re.Pattern[str]
    clause_pledge: re.Pattern[str]
    clause_deed: re.Pattern[str]
    other_doer: re.Pattern[str]
    own_subject: re.Pattern[str]
    meeting_word: re.Pattern[str]
    abroad_after: re.Pattern[str]
    gathering: re.Pattern[str]  # "brought together ministers, companies and charities"
    co_subject: re.Pattern[str]  # "Albania, together with Serbia, endorsed ..."

    @classmethod
    def from_yaml(cls, path: str | Path) -> EventFrames:
        """Raises CodebookError (one line: file, key, what) when the file is missing or malformed."""
        data, where = load_yaml(path)
        text = {name: _text(data, name, where) for name in _RAW_KEYS}
        words = {name: f"(?:{text[name]})" for name in _PLACEHOLDERS}

        def pattern(name: str, template: str) -> re.Pattern[str]:
            body = template
            for placeholder, value in words.items():
                body = body.replace("{" + placeholder + "}", value)
            return compile_regex(body, where / name)

        return cls(
            authority_after=pattern(
                "authority",
                r"^(?:\s*['’]s)?\s+(?:[\w-]+\s+){0,3}?(?-i:(?i:{authority})\b|[A-Z][\w-]*\s+(?:Police|Agency|Ministry|Office|Service|Bureau|Unit|Centre|Center|Directorate|Department)\b)",
            ),
            authority_before=pattern(
                "authority", r"(?:{authority})\s+(?:in|of|from|for|across|throughout|around)\s+(?:the\s+)?$"
            ),
            person_after=pattern("person", r"^\s+(?:[\w-]+\s+){0,2}?(?:{person})\b"),
            led_after=pattern("authority", r"^-(?:led|run|based\s+police|funded)\b"),
            subject_after=pattern(
                "finite_verb", text["subject_gap"] + r"(?:{finite_verb})"
            ),
            **{
                name: pattern(name, text[name])
                for name in (
                    "partner_before", "partner_after", "recipient_before", "recipient_then_acts",
                    "place_before", "clause_start", "extradition_from", "signatory",
                    "statement_of_targets", "all_targets", "not_an_act", "negation",
                    "hypothetical", "general_resolve", "boilerplate", "speaker_title",
                    "speaker_role", "first_person", "quote_attribution", "anaphor",
                    "in_country_authority", "clause_in", "collective_including",
                    "collective_pledge", "not_a_pledge", "collective_subject",
                    "partner_word", "same_again", "presidency", "national_marker",
                    "its_authority", "pledge_intro", "clause_pledge", "clause_deed",
                    "other_doer", "own_subject", "meeting_word", "abroad_after", "gathering", "co_subject",
                )
            },
        )


_RAW_KEYS = (
    "authority", "person", "finite_verb", "subject_gap", "partner_before", "partner_after",
    "recipient_before", "recipient_then_acts", "place_before", "clause_start",
    "extradition_from", "signatory", "statement_of_targets", "all_targets", "not_an_act",
    "negation", "hypothetical", "general_resolve", "boilerplate", "speaker_title",
    "speaker_role", "first_person", "quote_attribution", "anaphor", "in_country_authority",
    "clause_in", "collective_including", "collective_pledge", "not_a_pledge", "collective_subject",
    "partner_word", "same_again", "presidency", "national_marker", "its_authority",
    "pledge_intro", "clause_pledge", "clause_deed", "other_doer", "own_subject", "meeting_word",
    "abroad_after", "gathering", "co_subject",
)

def _text(data: dict, name: str, where: Where) -> str:
    value = required(data, name, where)
    if not isinstance(value, str) or not value.strip():
        raise (where / name).error("expected a regex string")
    # Folded YAML blocks put a space where a line broke: alternatives continue on the next line.
    return re.sub(r"\s*\n?\s*\|\s*", "|", value.strip())
