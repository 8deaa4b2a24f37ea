"""The language a text is written in, as an ISO 639-1 code (pure; py3langid, trafilatura's detector,
scored by pipelines.language_model without its per-byte Python loop)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipelines.language_model import Classify, fast_classify

# Below this many letters (a dateline, a name) the guess is noise: say nothing rather than guess.
MIN_LETTERS = 20
# py3langid's normalised probability of its best language; under this the text is mixed or unclear.
MIN_PROBABILITY = 0.5
# The first part of a text decides: a release does not change language half-way, and the detector's
# cost grows with the sample while its certainty stops growing long before 2,000 characters of prose.
SAMPLE_CHARS = 2000

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ISO_639_1 = re.compile(r"^[a-z]{2}$")


@lru_cache(maxsize=1)
def _classify() -> Classify:
    # Loaded once per process (well under a second), with probabilities normalised to [0, 1]; only
    # the classify function is kept, so the library's own tables can go when the fast one is used.
    return fast_classify(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


def warm_up() -> None:
    """Load the model now (worker processes are forked from a process that did)."""
    _classify()


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or unclear.

    Labels of the model that have no two-letter code (e.g. 'pcm', or 'zxx' for no linguistic
    content) also give None: the column holds ISO 639-1 or nothing."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(f"detect_language expects a str or None, got {type(text).__name__}")
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return None
    language, probability = _classify()(sample)
    if probability < MIN_PROBABILITY or not _ISO_639_1.match(language):
        return None
    return language
