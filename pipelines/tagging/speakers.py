"""Actors a sentence does not name itself: the speaker behind "we", the actors of the sentence
before behind "They also ...", and the member that "did the same"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.tagging.actors import Attribution
from pipelines.tagging.frames import EventFrames
from pipelines.tagging.named import Sentence
from pipelines.tagging.scoring import SentenceKey

_CARRY_BACK = 2  # sentences an anaphor may reach back


@dataclass(frozen=True)
class Speaker:
    """Whose official speaks in the document; `presidency`: for the Council Presidency, so "we" is
    the EU unless the sentence speaks of home."""

    member: str | None
    presidency: bool = False


def document_speaker(frames: EventFrames, sentences: dict[SentenceKey, Sentence],
                     issuer: str | None) -> Speaker:
    """The member whose official gives the speech or statement, named with a role in the title or the
    opening sentences ("Speech by the Swedish Minister for Justice", "the Minister of the Interior of
    Lithuania"), else the issuer."""
    presidency = False
    for key in sorted(sentences)[:3]:
        sentence = sentences[key]
        if not frames.speaker_title.search(sentence.text):
            continue
        presidency = presidency or bool(frames.presidency.search(sentence.text))
        text = sentence.field.text
        for n in sentence.named:
            if not n.code or n.kind not in ("name", "demonym", "agency"):
                continue
            after = frames.speaker_role.search(text, n.end, min(sentence.end, n.end + 60))
            before = frames.speaker_role.search(text[max(sentence.start, n.start - 50):n.start])
            if after or before:
                return Speaker(n.code, presidency)
    return Speaker(issuer, presidency)


def spoken(frames: EventFrames, sentence: Sentence, speaker: Speaker) -> list[Attribution]:
    """'We have set up ...': the member whose official speaks — in a Presidency speech only where
    the sentence speaks of home ('in our country', 'our police')."""
    if speaker.member is None or not frames.first_person.search(sentence.text):
        return []
    if speaker.presidency and not frames.national_marker.search(sentence.text):
        return []
    return [Attribution(speaker.member, "actor", "speaker", sentence.start, sentence.start)]


def carried(frames: EventFrames, sentence: Sentence, credited: dict[SentenceKey, list[Attribution]]
            ) -> list[Attribution]:
    """'They also identified three children': the actors of a sentence just before."""
    if not frames.anaphor.match(sentence.text):
        return []
    fi, si = sentence.key
    for back in range(1, _CARRY_BACK + 1):
        earlier = [a for a in credited.get((fi, si - back), [])
                   if a.role != "signatory" and a.how != "issuer"]
        if earlier:
            return [Attribution(a.member, a.role, "carried", sentence.start, sentence.start)
                    for a in earlier]
    return []


def did_the_same(frames: EventFrames, sentence: Sentence, atts: Sequence[Attribution]) -> bool:
    """'Sweden did the same in 2014': members that repeat the act of the sentence before."""
    return any(a.role == "actor" for a in atts) and bool(frames.same_again.search(sentence.text))
