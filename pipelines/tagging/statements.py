"""Statements of targets and the members that sign them: which sentences have named countries
sign, adopt or endorse one, and which targets it names — in the sentence, in the sentences around it
that speak of the signatories together, or in a list it introduces."""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.tagging.frames import EventFrames
from pipelines.tagging.models import GOALS
from pipelines.tagging.named import Sentence
from pipelines.tagging.scoring import GoalHit, SentenceKey
from pipelines.tagging.sentences import FieldText

_AROUND = 4  # sentences before and after a signing that may state what was signed
_LIST_ITEMS = 8  # items a sentence ending in ":" may introduce


def is_signing(frames: EventFrames, fields: Sequence[FieldText], sentence: Sentence) -> bool:
    """Named countries sign, adopt or endorse a statement of targets here; the statement may be named
    in the sentence, the two before it or the title."""
    if not sentence.named or not frames.signatory.search(sentence.text):
        return False
    fi, si = sentence.key
    field = fields[fi]
    context = [field.spans[i] for i in range(max(0, si - 2), si + 1)]
    return any(frames.statement_of_targets.search(field.text, *span) for span in context) or (
        fi > 0 and bool(frames.statement_of_targets.search(fields[0].text)))


def signed_targets(frames: EventFrames, fields: Sequence[FieldText], key: SentenceKey,
                   by_key: dict[SentenceKey, list[GoalHit]]) -> frozenset[str]:
    """The targets of the statement signed in sentence `key`: those the sentence names, and those
    the sentences around it say of the signatories or the statement together ("By signing, they
    commit to ..."; "The declaration sets out ..."), with the items of a list they introduce; all
    four where they speak of "the four targets"; failing these, the pledges nobody in particular
    makes in the text."""
    fi, si = key
    field = fields[fi]
    said = [si] + [
        i for i in range(max(0, si - _AROUND), min(si + _AROUND + 1, len(field.spans)))
        if i != si and frames.collective_pledge.match(field.text[slice(*field.spans[i])])
    ]
    said += [item for i in list(said) for item in list_items(field, i)]
    if any(frames.all_targets.search(field.text, *field.spans[i]) for i in said):
        return frozenset(GOALS)
    goals = {h.tag.goal for i in said for h in by_key.get((fi, i), [])}
    if not goals:
        goals = {h.tag.goal for hits in by_key.values() for h in hits if h.tag.mode == "commitment"}
    return frozenset(goals)


def list_items(field: FieldText, index: int) -> list[int]:
    """The sentences a sentence ending in ':' introduces: the items after it that open with a bullet
    or in lower case, or that end in ';'."""
    start, end = field.spans[index]
    if not field.text[start:end].rstrip().endswith(":"):
        return []
    items = []
    for later in range(index + 1, min(index + 1 + _LIST_ITEMS, len(field.spans))):
        text = field.text[slice(*field.spans[later])]
        if not (text[:1] in "-•*–—" or text[:1].islower() or text.rstrip().endswith(";")
                or later == index + 1):
            break
        items.append(later)
    return items


def introduced_by(field: FieldText, index: int) -> int | None:
    """The sentence ending in ':' whose list holds sentence `index`, if any."""
    for earlier in range(index - 1, max(-1, index - 1 - _LIST_ITEMS), -1):
        if index in list_items(field, earlier):
            return earlier
    return None
