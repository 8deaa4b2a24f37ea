"""Implementation events of one document: which member's authorities did (action) or pledged
(commitment) something under which goal, and the sentence that says so.

Attribution is decided sentence by sentence (`actors.py`), with the neighbours where a sentence
points back ("They also identified ...", "Sweden did the same"), the speaker where it says "we"
(`speakers.py`), the statement a list of members signs (`statements.py`), and the issuer where a
member's own press office speaks (a DOJ release reports US action). A country that is only named
gets nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from pipelines.tagging.actors import Attribution, attribute
from pipelines.tagging.agencies import AgencyMatcher
from pipelines.tagging.countries import Mention
from pipelines.tagging.frames import EventFrames
from pipelines.tagging.models import EventTag
from pipelines.tagging.named import Sentence, named_sentences, resolved
from pipelines.tagging.scoring import GoalHit, SentenceKey
from pipelines.tagging.sentences import FieldText
from pipelines.tagging.speakers import carried, did_the_same, document_speaker, spoken
from pipelines.tagging.statements import introduced_by, is_signing, signed_targets

# How sure an attribution is, by how it was made; multiplied into the goal's confidence.
_SURENESS = {
    "agency": 0.95, "authority": 0.9, "extradition": 0.9, "subject": 0.85, "signatory": 0.85,
    "partner": 0.85, "issuer": 0.8, "speaker": 0.75, "carried": 0.7,
}


class EventFinder:
    def __init__(self, frames: EventFrames, agencies: AgencyMatcher, issuers: Mapping[str, str]):
        self.frames = frames
        self._agencies = agencies
        self._issuers = issuers

    def boilerplate(self, fields: Sequence[FieldText]) -> Callable[[SentenceKey], bool]:
        """Whether a sentence describes a standing program or gives contact advice, not this case."""

        def describes_a_program(key: SentenceKey) -> bool:
            field = fields[key[0]]
            start, end = field.spans[key[1]]
            return bool(self.frames.boilerplate.search(field.text[start:end]))

        return describes_a_program

    def find(self, fields: Sequence[FieldText], hits: Sequence[GoalHit],
             mentions: Sequence[Mention], source: str) -> list[EventTag]:
        sentences = named_sentences(fields, mentions, self._agencies, source)
        issuer = self._issuers.get(source)
        speaker = document_speaker(self.frames, sentences, issuer)
        by_key: dict[SentenceKey, list[GoalHit]] = {}
        for hit in hits:
            by_key.setdefault(hit.key, []).append(hit)
        signing = {k for k, s in sentences.items() if is_signing(self.frames, fields, s)}
        # what an operation was about, for those who only "took part" in it
        title_goals = {h.tag.goal for h in hits if h.key[0] == 0}
        partner_default = ["prosecution"] if "prosecution" in title_goals or not title_goals else sorted(title_goals)
        found: list[EventTag] = []
        credited: dict[SentenceKey, list[Attribution]] = {}
        done: dict[SentenceKey, list[EventTag]] = {}
        worth = {k for k, s in sentences.items() if self._worth_reading(s, by_key)}
        for key in sorted(set(by_key) | signing | worth):
            sentence = sentences.get(key) or Sentence.bare(fields, key)
            hits_here = self._in_list_mode(fields, key, by_key)
            atts = attribute(self.frames, sentence.field.text, (sentence.start, sentence.end),
                             resolved(sentence.named, sentences), key in signing)
            atts = atts or carried(self.frames, sentence, credited)
            if not atts and not (hits_here and self._someone_else_acts(sentence, hits_here)):
                atts = spoken(self.frames, sentence, speaker)
            atts = self._with_issuer(sentence, atts, hits_here, issuer)
            credited[key] = atts
            if not hits_here and did_the_same(self.frames, sentence, atts):
                events = self._repeated(sentence, atts, done.get((key[0], key[1] - 1), []))
            else:
                targets = signed_targets(self.frames, fields, key, by_key) if key in signing else frozenset()
                events = self._events(sentence, atts, hits_here, targets, partner_default)
            done[key] = events
            found.extend(events)
        return _one_per_triple(found)

    def _worth_reading(self, sentence: Sentence, by_key: dict[SentenceKey, list[GoalHit]]) -> bool:
        """A sentence without a goal still counts where it credits partners of an operation, where
        a member repeats what the sentence before reports, or where the next sentence points back
        to its actors ("They also ...")."""
        if self.frames.partner_word.search(sentence.text) or self.frames.same_again.search(sentence.text):
            return True
        fi, si = sentence.key
        for later in (si + 1, si + 2):
            if (fi, later) in by_key:
                following = sentence.field.text[slice(*sentence.field.spans[later])]
                return bool(self.frames.anaphor.match(following))
        return False

    def _in_list_mode(self, fields: Sequence[FieldText], key: SentenceKey,
                      by_key: dict[SentenceKey, list[GoalHit]]) -> list[GoalHit]:
        """The sentence's goals; an item of a list that a pledge introduces ("The Home Secretary
        will:") is pledged too."""
        hits = by_key.get(key, [])
        intro = introduced_by(fields[key[0]], key[1]) if hits else None
        if intro is None:
            return hits
        intro_text = fields[key[0]].text[slice(*fields[key[0]].spans[intro])]
        if not self.frames.pledge_intro.search(intro_text):
            return hits
        return [replace(h, tag=replace(h.tag, mode="commitment")) for h in hits]

    def _events(self, sentence: Sentence, atts: list[Attribution], hits: list[GoalHit],
                targets: frozenset[str], partner_default: list[str]) -> list[EventTag]:
        events = []
        evidence = sentence.field.evidence(sentence.key[1])
        signed = [a for a in atts if a.role == "signatory"]
        goals = {h.tag.goal for h in hits} | (targets if signed else set())
        spans = {h.tag.goal: h.words for h in hits}
        for a in signed:
            for goal in sorted(goals):
                events.append(EventTag(a.member, goal, "commitment", "signatory",
                                       round(0.8 * _SURENESS["signatory"], 3), evidence,
                                       member_words=_words(a), goal_words=spans.get(goal)))
        # A member that signs or endorses a statement of targets in this sentence pledges them: the
        # targets' words ("identifying more victims; investigating ...") are not its deeds.
        signers = {a.member for a in signed}
        actors = {a.member for a in atts if a.role == "actor"}
        doers = [a for a in atts if a.member not in signers
                 and (a.role == "actor" or (a.role == "partner" and a.member not in actors))]
        # A partner helped with the operation the sentence reports: law-enforcement cooperation
        # where it reports an investigation, else whatever else it reports.
        partner_goals = {"prosecution"} if any(h.tag.goal == "prosecution" for h in hits) else {
            h.tag.goal for h in hits}
        for hit in hits:
            for a in self._bound(doers, hit):
                if a.role == "partner" and hit.tag.goal not in partner_goals:
                    continue
                if a.how == "carried" and self._names_the_helper(sentence, hit):
                    continue  # "They worked alongside INTERPOL's Crimes Against Children unit"
                if self._not_done(sentence, a, hit):
                    continue
                mode = self._clause_mode(sentence, a, doers) or hit.tag.mode
                sureness = _SURENESS.get(a.how, 0.7) * (0.9 if a.role == "partner" else 1.0)
                events.append(EventTag(a.member, hit.tag.goal, mode, a.role,  # type: ignore[arg-type]
                                       round(hit.tag.confidence * sureness, 3), evidence,
                                       member_words=_words(a), goal_words=hit.words))
        if not hits and not self.frames.meeting_word.search(sentence.text):
            # "Police in Italy and Portugal also took part": in what the operation was about
            for a in doers:
                if a.role == "partner":
                    events.extend(EventTag(a.member, goal, "action", "partner",
                                           round(0.6 * _SURENESS["partner"], 3), evidence,
                                           member_words=_words(a))
                                  for goal in partner_default)
        return events

    def _repeated(self, sentence: Sentence, atts: list[Attribution], before: list[EventTag]
                  ) -> list[EventTag]:
        """'Latvia did the same in 2014': the acts of the sentence before, for this member."""
        evidence = sentence.field.evidence(sentence.key[1])
        acts = {(e.goal, e.mode) for e in before if e.role == "actor"}
        return [EventTag(a.member, goal, mode, "actor", round(0.6 * _SURENESS["subject"], 3), evidence,  # type: ignore[arg-type]
                         member_words=_words(a))
                for a in atts if a.role == "actor" for goal, mode in sorted(acts)]

    def _clause_mode(self, sentence: Sentence, actor: Attribution, doers: list[Attribution]) -> str | None:
        """Where members of one sentence did and pledged different things ("Slovakia rolled out a
        lesson, while the Czech ministry plans a campaign"), each one's own clause decides."""
        others = sorted(a.start for a in doers if a.member != actor.member and a.start > actor.end)
        if not others or actor.how in ("issuer", "speaker", "carried"):
            return None
        clause = sentence.field.text[actor.end:others[0]]
        pledged = bool(self.frames.clause_pledge.search(clause))
        acted = bool(self.frames.clause_deed.search(clause))
        return ("commitment" if pledged else "action") if pledged != acted else None

    @staticmethod
    def _bound(doers: list[Attribution], hit: GoalHit) -> list[Attribution]:
        """The doers a goal's words belong to: partners always; of the actors, those of the
        nearest group before the words (the subject), else the nearest after (a passive's agent)."""
        partners = [a for a in doers if a.role == "partner"]
        actors = [a for a in doers if a.role == "actor"]
        if len({a.member for a in actors}) <= 1:
            return partners + actors
        before = [a for a in actors if a.end <= hit.span[0]]
        pool = before or actors
        anchor = max(a.start for a in before) if before else min(a.start for a in actors)
        nearest = [a for a in pool if abs(a.start - anchor) <= 120 and (not before or a.end <= hit.span[0])]
        extra = [a for a in actors if a.how in ("issuer", "extradition")]
        return partners + list({id(a): a for a in nearest + extra}.values())

    def _names_the_helper(self, sentence: Sentence, hit: GoalHit) -> bool:
        """The goal's words only name those the actors worked with: they stand inside the object of
        "alongside ...", "in cooperation with ...", not in what was done."""
        words = hit.words or hit.span
        return bool(self.frames.partner_before.search(sentence.field.text[sentence.start : words[0]]))

    def _not_done(self, sentence: Sentence, a: Attribution, hit: GoalHit) -> bool:
        """Negated ("has not yet notified"), hypothetical ("could block") or general resolve."""
        text = sentence.field.text
        if a.end <= hit.span[0]:   # "Italy has not yet notified ..."
            between = text[a.end : hit.span[0] + 1]
        else:                      # "... were not arrested by the police": the words between, just before
            between = text[max(sentence.start, hit.span[0] - 15) : max(a.start, hit.span[1])]
        if self.frames.negation.search(between) or self.frames.hypothetical.search(between):
            return True
        if self.frames.gathering.search(text[sentence.start : (hit.words or hit.span)[0]]):
            return True  # "the summit brought together ... technology companies": who was there
        return hit.tag.mode == "commitment" and bool(
            self.frames.general_resolve.search(sentence.text)
            or self.frames.not_a_pledge.search(sentence.text)
        )

    def _with_issuer(self, sentence: Sentence, atts: list[Attribution], hits: list[GoalHit],
                     issuer: str | None) -> list[Attribution]:
        """A member's own press office reports its authorities' acts: the issuer acts in a goal
        sentence that credits no other actor, unless someone else is the one acting."""
        if issuer is None or not hits or any(a.member == issuer for a in atts):
            return atts
        extradition = any(a.how == "extradition" for a in atts)
        if any(a.role in ("actor", "signatory") for a in atts) and not extradition:
            return atts
        if not extradition and self._someone_else_acts(sentence, hits):
            return atts
        return [*atts, Attribution(issuer, "actor", "issuer", sentence.start, sentence.start)]

    def _someone_else_acts(self, sentence: Sentence, hits: list[GoalHit]) -> bool:
        """A non-member body, a company or a statement does what the sentence reports: it stands
        before the goal's words (or is them), and no "we" or "the Government" before it."""
        if self.frames.collective_subject.match(sentence.text) or self.frames.collective_pledge.match(
                sentence.text):
            return True  # "Global Alliance countries adopt ...", "By signing, they commit to ..."
        text = sentence.field.text
        first_goal = min(h.span[0] for h in hits)
        if self._abroad(sentence, hits):
            return True  # "was charged in the Philippines": another country's act
        others = [n.start for n in sentence.named if n.kind == "body" and n.start <= first_goal]
        # the goal's words may themselves name the other doer ("internet providers will offer ...")
        first_words_end = max(h.span[1] for h in hits if h.span[0] == first_goal)
        others += [m.start() for m in self.frames.other_doer.finditer(text, sentence.start, first_words_end)
                   if m.start() <= first_goal]
        if not others:
            return False
        own = self.frames.own_subject.search(text, sentence.start, min(others))
        return own is None

    def _abroad(self, sentence: Sentence, hits: list[GoalHit]) -> bool:
        """A goal's words are followed by 'in <another country>': the act took place there."""
        text = sentence.field.text
        for hit in hits:
            for n in sentence.named:
                if n.kind in ("name", "demonym") and hit.span[1] <= n.start <= hit.span[1] + 50 and \
                        self.frames.abroad_after.match(text[hit.span[1]:n.start]):
                    return True
        return False


def _words(a: Attribution) -> tuple[int, int] | None:
    """Where the sentence names the member; none for the issuer, the speaker or a pronoun."""
    return (a.start, a.end) if a.end > a.start else None


def _one_per_triple(events: list[EventTag]) -> list[EventTag]:
    """At most one event per (member, goal, mode): the surest, the earliest on a tie."""
    best: dict[tuple[str, str, str], EventTag] = {}
    for e in events:
        key = (e.member, e.goal, e.mode)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.member, e.goal, e.mode))
