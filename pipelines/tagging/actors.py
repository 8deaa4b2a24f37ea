"""Who acts in a sentence: the members whose authorities it shows acting, helping or signing, told
apart from countries that are merely named (an offender's home, the place of a crime, a server).

Pure functions over one sentence and what was found named in it (country names and demonyms from
`countries.py`, bodies from `agencies.py`); the frames that decide are data (`event_frames.yaml`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.tagging.countries import is_list_gap
from pipelines.tagging.frames import EventFrames

_BEFORE = 200  # characters of the sentence before a name that the frames read
_AFTER = 220
_HOST_REACH = 50  # characters before a name over which 'hosted (in London) by' still reaches


@dataclass(frozen=True)
class Named:
    """Something named in a sentence: a country (by name or demonym) or a public body.

    `code` is None for a body that is no member's (Europol, NCMEC, a company) or whose country the
    name alone does not settle (then `candidates` lists the possible members).
    """

    code: str | None
    start: int  # offsets in the field
    end: int
    kind: str  # "name", "demonym", "agency", "body"
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attribution:
    """A member that the sentence shows acting (`actor`), helping (`partner`) or signing."""

    member: str
    role: str  # actor | partner | signatory
    how: str  # agency | authority | subject | partner | signatory | extradition (+ later: issuer, ...)
    start: int
    end: int


def signing_sentence(frames: EventFrames, sentence: str) -> bool:
    """The sentence has members sign, adopt or endorse a statement of targets."""
    return bool(frames.signatory.search(sentence) and frames.statement_of_targets.search(sentence))


def attribute(
    frames: EventFrames,
    text: str,
    span: tuple[int, int],
    named: Sequence[Named],
    signing: bool,
) -> list[Attribution]:
    """The members the sentence `text[span[0]:span[1]]` credits, in text order.

    Bodies are read one by one; country names and demonyms in a list ("Spain, Italy and
    Germany") are read together, so the frame around the list decides for each of them.
    """
    start, end = span
    out: list[Attribution] = []
    countries = [n for n in named if n.kind in ("name", "demonym")]
    for group in _lists(text, countries):
        first, last = group[0], group[-1]
        before = text[max(start, first.start - _BEFORE) : first.start]
        after = text[last.end : min(end, last.end + _AFTER)]
        decided = _country_role(frames, group, before, after, signing)
        if decided is not None:
            role, how = decided
            out.extend(Attribution(n.code, role, how, n.start, n.end) for n in group if n.code)
    for body in named:
        if body.kind != "agency" or body.code is None:
            continue
        before = text[max(start, body.start - _BEFORE) : body.start]
        after = text[body.end : min(end, body.end + _AFTER)]
        if _only_received(frames, before, after) or _hosted_or_attended(frames, before, after):
            continue
        role = "partner" if _helps(frames, before, after) else "actor"
        out.append(Attribution(body.code, role, "agency", body.start, body.end))
    out.sort(key=lambda a: a.start)
    return out


def _country_role(
    frames: EventFrames, group: list[Named], before: str, after: str, signing: bool
) -> tuple[str, str] | None:
    if _only_received(frames, before, after):
        return None
    if _hosted_or_attended(frames, before, after):
        return None  # "hosted by the Slovenian government"
    if frames.extradition_from.search(before):
        return "actor", "extradition"
    if signing and frames.co_subject.search(before) and frames.signatory.search(after, 0, 80):
        return "signatory", "signatory"  # "Albania, together with Serbia, endorsed the declaration"
    if _helps(frames, before, after) and not _people_or_firms(frames, after):
        return "partner", "partner"
    how = "authority"
    names_authority = (
        _authority_after(frames, after)
        or bool(frames.authority_before.search(before))
        or bool(frames.led_after.match(after))
        or bool(frames.clause_in.search(before) and frames.in_country_authority.match(after))
        or bool(frames.its_authority.match(after))
    )
    if not names_authority and not all(n.kind == "demonym" for n in group):
        how = "subject"
        names_authority = bool(
            (frames.clause_start.search(before) or frames.collective_including.search(before))
            and frames.subject_after.match(after)
        ) or bool(frames.collective_including.search(before) and not signing)
    if signing and (names_authority or not frames.place_before.search(before)):
        if frames.presidency.search(after, 0, 80):
            return None  # "Denmark's minister, on behalf of the Council Presidency": the EU signs
        verb = frames.signatory.search(after, 0, 80)
        if verb and frames.negation.search(after[: verb.start()]):
            return None  # "Canada ... has not put its name to the text"
        return "signatory", "signatory"
    if names_authority and frames.not_an_act.search(after[:25]):
        return None  # "Norway hosted the meeting", "Japan attended": no goal event
    if names_authority:
        return "actor", how
    return None


def _hosted_or_attended(frames: EventFrames, before: str, after: str) -> bool:
    """'hosted in London by the Home Office', 'attended by the Slovenian government': the body
    hosted or attended, which is no goal event, unless it then signs."""
    return bool(frames.not_an_act.search(before[-_HOST_REACH:])) and not frames.signatory.search(after[:40])


def _authority_after(frames: EventFrames, after: str) -> bool:
    """'<demonym> police', '<country>'s ministry' — unless a person comes first ('German national
    who contacted police')."""
    authority = frames.authority_after.match(after)
    if authority is None:
        return False
    person = frames.person_after.match(after)
    return person is None or person.end() > authority.end()


def _people_or_firms(frames: EventFrames, after: str) -> bool:
    """'UK hosting companies', 'a British national': people or firms of the country, not its authorities."""
    person = frames.person_after.match(after)
    authority = frames.authority_after.match(after)
    return person is not None and (authority is None or person.end() < authority.end())


def _helps(frames: EventFrames, before: str, after: str) -> bool:
    return bool(frames.partner_before.search(before) or frames.partner_after.match(after))


def _only_received(frames: EventFrames, before: str, after: str) -> bool:
    """'information was passed to the German police' — and the sentence does not say what they did."""
    return bool(frames.recipient_before.search(before)) and not frames.recipient_then_acts.search(
        after
    )


def _lists(text: str, named: Sequence[Named]) -> list[list[Named]]:
    """Runs of names joined by list separators ("Spain, Italy and Germany"), in text order."""
    groups: list[list[Named]] = []
    for n in sorted(named, key=lambda n: n.start):
        if groups and is_list_gap(text[groups[-1][-1].end : n.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups
