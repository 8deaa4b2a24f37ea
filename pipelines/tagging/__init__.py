"""Tagging: relevance, Alliance member countries and policy goals of a document, with evidence.

tagger = Tagger.from_reference()
result = tagger.tag(TagInput(id="x", source="doj", title="...", text="...", published=None))
"""

from pipelines.tagging.models import (
    GOALS,
    CodebookError,
    Evidence,
    GoalTag,
    MemberTag,
    TagInput,
    TagResult,
)
from pipelines.tagging.tagger import Tagger

__all__ = [
    "GOALS",
    "CodebookError",
    "Evidence",
    "GoalTag",
    "MemberTag",
    "TagInput",
    "TagResult",
    "Tagger",
]
