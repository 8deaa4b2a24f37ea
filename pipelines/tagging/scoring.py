"""Relevance and goals of a document, from the codebook's rules, sentence by sentence."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipelines.tagging.codebook import Codebook, ModeCues, Rule
from pipelines.tagging.first_chars import finditer
from pipelines.tagging.models import Evidence, GoalTag
from pipelines.tagging.sentences import FieldText, sentence_index

SentenceKey = tuple[int, int]  # (field index, sentence index)


def _never(key: SentenceKey) -> bool:
    return False


Span = tuple[int, int]
_FOLLOWING_CUE_PENALTY = 20  # a cue before the goal's words governs them more often than one after
_GOVERNS = 80  # characters over which a pledge still governs the goal's words


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    score: float
    evidence: list[tuple[Evidence, str]]  # sentence and the id of the strongest rule it hit


def judge_relevance(codebook: Codebook, fields: Sequence[FieldText]) -> Relevance:
    score = 0.0
    strongest: dict[SentenceKey, Rule] = {}
    for rule in codebook.relevance_rules:
        hits = _rule_hits(rule, fields)
        score += rule.weight * min(len(hits), rule.max_count)
        for key in hits:
            if key not in strongest or strongest[key].weight < rule.weight:
                strongest[key] = rule
    relevant = score >= codebook.relevance_threshold - 1e-9
    evidence = (
        [(_evidence(fields, key), strongest[key].id) for key in sorted(strongest)]
        if relevant
        else []
    )
    return Relevance(relevant, round(score, 3), evidence)


@dataclass(frozen=True)
class GoalHit:
    """A goal shown by one sentence, with where its words are (offsets in the field)."""

    key: SentenceKey
    span: Span  # from the first words of any rule that hit: where a cue or an actor is read from
    tag: GoalTag
    words: Span | None = None  # the strongest rule's words


def find_goals(
    codebook: Codebook, fields: Sequence[FieldText], skip: Callable[[SentenceKey], bool] = _never
) -> list[GoalTag]:
    """One tag per (goal, sentence) that reaches the goal threshold, in document order."""
    return [hit.tag for hit in goal_hits(codebook, fields, skip)]


def goal_hits(
    codebook: Codebook, fields: Sequence[FieldText], skip: Callable[[SentenceKey], bool] = _never
) -> list[GoalHit]:
    """Every (goal, sentence) that reaches the goal threshold, in document order; a sentence that
    `skip` rejects (a program's standing description, say) shows no goal. `skip` is asked only
    about sentences that would show one."""
    cues = [_CuesByPosition(_mode_cues(codebook.modes, f)) for f in fields]
    skipped: dict[SentenceKey, bool] = {}
    hits_out: list[GoalHit] = []
    for goal, rules in codebook.goal_rules.items():
        per_sentence: dict[SentenceKey, list[tuple[float, Span]]] = {}
        for rule in rules:
            for key, span in _rule_hits(rule, fields).items():
                per_sentence.setdefault(key, []).append((rule.weight, span))
        for key, hits in per_sentence.items():
            miss = 1.0
            for w, _ in hits:
                miss *= 1.0 - w
            strength = 1.0 - miss
            if strength < codebook.goal_threshold - 1e-9 or skipped.setdefault(key, skip(key)):
                continue
            goal_span = min(span for _, span in hits)
            # the words a reader should see: the strongest rule's (the earliest on a tie)
            words = min(hits, key=lambda h: (-h[0], h[1]))[1]
            start, end = fields[key[0]].spans[key[1]]
            sentence_cues = cues[key[0]].starting_within(start, end)
            mode, certainty = _decide_mode(codebook.modes, sentence_cues, goal_span)
            tag = GoalTag(goal, mode, round(strength * certainty, 3), _evidence(fields, key))
            hits_out.append(GoalHit(key, goal_span, tag, words))
    hits_out.sort(key=lambda h: (h.key, h.tag.goal))
    return hits_out


def best_per_goal_and_mode(tags: Sequence[GoalTag]) -> list[GoalTag]:
    """The most confident tag of each (goal, mode); the earliest wins a tie."""
    best: dict[tuple[str, str], GoalTag] = {}
    for tag in tags:
        key = (tag.goal, tag.mode)
        if key not in best or tag.confidence > best[key].confidence:
            best[key] = tag
    return sorted(best.values(), key=lambda t: (t.goal, t.mode))


def _rule_hits(rule: Rule, fields: Sequence[FieldText]) -> dict[SentenceKey, Span]:
    """Sentences where the rule hits, each with the span of its first (leading-pattern) match."""
    hits: dict[SentenceKey, Span] = {}
    for fi, field in enumerate(fields):
        if not field.spans:
            continue
        found: list[dict[int, Span]] = []
        for pattern in rule.patterns:
            first: dict[int, Span] = {}
            for m in finditer(pattern, field.text):
                si = sentence_index(field.spans, m.start())
                if si is not None and si not in first:
                    first[si] = m.span()
            if not first:
                break  # every pattern must hit the same sentence: the rule cannot hit in this field
            found.append(first)
        else:
            for si in set(found[0]).intersection(*found[1:]):
                hits[(fi, si)] = found[0][si]
    return hits


def _mode_cues(modes: ModeCues, field: FieldText) -> list[tuple[int, int, str]]:
    hidden = [m.span() for m in modes.neutral.finditer(field.text)] if modes.neutral else []
    hidden_starts = [h0 for h0, _ in hidden]   # in order, not overlapping: found by finditer
    cues = []
    kinds = [("commitment", modes.commitment), ("action", modes.action)]
    if modes.purpose is not None:
        kinds.append(("purpose", modes.purpose))
    for kind, pattern in kinds:
        for m in pattern.finditer(field.text):
            last = bisect_right(hidden_starts, m.start()) - 1   # the hidden span starting last before it
            if last < 0 or m.start() >= hidden[last][1]:
                cues.append((m.start(), m.end(), kind))
    return cues


class _CuesByPosition:
    """A field's mode cues, looked up by where they start: a long text has thousands of cues, and a
    pass over all of them for each of its sentences grew with the square of its length."""

    def __init__(self, cues: list[tuple[int, int, str]]) -> None:
        self._cues = cues
        self._by_start = sorted(range(len(cues)), key=lambda i: cues[i][0])
        self._starts = [cues[i][0] for i in self._by_start]

    def starting_within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The cues starting in [start, end), in the order _mode_cues found them."""
        chosen = self._by_start[bisect_left(self._starts, start):bisect_left(self._starts, end)]
        return [self._cues[i] for i in sorted(chosen)]


def _decide_mode(
    modes: ModeCues, cues: list[tuple[int, int, str]], goal: Span
) -> tuple[str, float]:
    # An infinitive of purpose is a pledge only in a sentence that reports nothing done.
    done = any(kind == "action" for _, _, kind in cues)
    cues = [(s, e, "commitment" if kind == "purpose" else kind) for s, e, kind in cues
            if kind != "purpose" or not done]
    kinds = {kind for _, _, kind in cues}
    if not kinds:
        return modes.default, modes.default_certainty
    if len(kinds) == 1:
        return kinds.pop(), 1.0
    # A pledge governs the goal's words when nothing done stands between them, even where those
    # words hold a participle: "commit to increase the number of identified victims".
    pledges = [
        c for c in cues if c[2] == "commitment" and c[0] < goal[0] and goal[0] - c[1] <= _GOVERNS
    ]
    if pledges:
        pledge = max(pledges, key=lambda c: c[0])
        if not any(kind == "action" and pledge[0] < start < goal[0] for start, _, kind in cues):
            return "commitment", 0.9

    def distance(cue: tuple[int, int, str]) -> int:
        start, end, _ = cue
        if end <= goal[0]:
            return goal[0] - end
        if start >= goal[1]:
            return start - goal[1] + _FOLLOWING_CUE_PENALTY
        return 0  # the cue is part of the goal's words ("sentenced")

    nearest = min(cues, key=lambda c: (distance(c), c[2] != "commitment"))
    return nearest[2], 0.9


def _evidence(fields: Sequence[FieldText], key: SentenceKey) -> Evidence:
    return fields[key[0]].evidence(key[1])
