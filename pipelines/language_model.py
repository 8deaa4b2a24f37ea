"""py3langid's (language, probability) for a text, computed with numpy gathers instead of its
per-byte Python loop; the library's own classify when its model does not have the layout relied on.

py3langid finds its byte n-gram features with an Aho-Corasick automaton: after any byte the state
is the longest n-gram prefix ending there, so it depends on the last D bytes only (D: the
automaton's greatest depth, its longest n-gram). Every position's state is therefore D vectorised
steps away from state 0, and the features, their counts and the naive Bayes score follow in numpy,
in the library's own order and arithmetic (see py3langid/langid.py: `_encode`, `visit_counts`,
`_sparse_score`, `_decide`, `classify`)."""

from __future__ import annotations

import logging
import math
import unicodedata
from collections.abc import Callable

import numpy as np
from py3langid.langid import LanguageIdentifier

LOGGER = logging.getLogger(__name__)

Classify = Callable[[str], tuple[str, float]]

# Compared with the library's classify once at load: a model whose automaton is not what this module
# assumes gives other answers on these, and the library's own classify is used instead.
_PROBES = (
    "The ministers agreed to report on their progress against abuse online.",
    "Η Επιτροπή χαιρέτισε σήμερα τη συμφωνία των υπουργών.",
    "欧盟委员会今天欢迎部长们达成的协议。 Комиссия приветствовала соглашение.",
    "ABUSE ONLINE 2014",
    "x",
)


class ModelLayoutError(ValueError):
    """The identifier lacks an attribute this module reads, or holds it in another shape."""


def _array(identifier: LanguageIdentifier, name: str, ndim: int) -> np.ndarray:
    if not hasattr(identifier, name):
        raise ModelLayoutError(f"py3langid identifier has no {name}")
    value = np.asarray(getattr(identifier, name))
    if value.ndim != ndim:
        raise ModelLayoutError(f"{name}: expected {ndim} dimension(s), got shape {value.shape}")
    return value


def _integers(identifier: LanguageIdentifier, name: str) -> np.ndarray:
    value = _array(identifier, name, 1)
    if value.size and not np.issubdtype(value.dtype, np.integer):
        raise ModelLayoutError(f"{name}: expected integers, got {value.dtype}")
    return value


def automaton_depth(transitions: np.ndarray, state_row: np.ndarray) -> int:
    """Greatest breadth-first distance from state 0: the longest n-gram the automaton spells.

    `transitions` holds one 256-entry row of next states per distinct row, `state_row` each
    state's row."""
    depth = np.full(len(state_row), -1, dtype=np.int64)
    depth[0] = 0
    frontier = np.zeros(1, dtype=np.int64)
    level = 0
    while True:
        rows = np.zeros(len(transitions), dtype=bool)
        rows[state_row[frontier]] = True
        reached = np.zeros(len(state_row), dtype=bool)
        reached[transitions[rows].ravel()] = True
        frontier = np.flatnonzero(reached & (depth < 0))
        if not frontier.size:
            return level
        level += 1
        depth[frontier] = level


class NgramScorer:
    """The classify of a normalised py3langid identifier (norm_probs=True, no min_confidence), as the
    identifier stands when this is built (a later set_languages is not seen)."""

    def __init__(self, identifier: LanguageIdentifier) -> None:
        if getattr(identifier, "_norm_probs", None) is not True:
            raise ModelLayoutError("only identifiers with norm_probs=True are mirrored")
        if getattr(identifier, "min_confidence", None) is not None:
            raise ModelLayoutError("an identifier with min_confidence is not mirrored")
        nextmove = _integers(identifier, "tk_nextmove")
        state_row = _integers(identifier, "tk_row").astype(np.intp)
        output = _integers(identifier, "tk_output").astype(np.intp)
        self._class_features = _array(identifier, "nb_ptc", 2)
        if self._class_features.dtype == np.float16:
            # the library's float16 table is widened to float32 row by row at every call, most of its
            # scoring time; widened once here (57 MB for 0.4's model), the sums are the same to the bit
            self._class_features = self._class_features.astype(np.float32)
        self._class_prior = _array(identifier, "nb_pc", 1)
        self._labels = list(getattr(identifier, "nb_classes", ()))
        n_features, n_classes = self._class_features.shape
        if nextmove.size == 0 or nextmove.size % 256:
            raise ModelLayoutError(f"tk_nextmove: {nextmove.size} entries, not rows of 256")
        if len(state_row) == 0 or len(output) != len(state_row):
            raise ModelLayoutError(f"tk_row ({len(state_row)}) and tk_output ({len(output)}) "
                                   "must hold one entry per state")
        if state_row.min() < 0 or state_row.max() >= nextmove.size // 256:
            raise ModelLayoutError("tk_row points outside tk_nextmove")
        if nextmove.max() >= len(state_row):
            raise ModelLayoutError("tk_nextmove points outside the states")
        if output.max() >= n_features:
            raise ModelLayoutError("tk_output points outside nb_ptc")
        if self._class_prior.shape != (n_classes,) or len(self._labels) != n_classes:
            raise ModelLayoutError(f"nb_pc {self._class_prior.shape} and nb_classes "
                                   f"({len(self._labels)}) do not match nb_ptc {n_classes} classes")
        self._transitions = nextmove
        self._row_start = state_row << 8
        self._output = output
        self._depth = automaton_depth(nextmove.reshape(-1, 256), state_row)
        # labels listed twice (script aliases, srl -> sr): the later column folds into the first
        first: dict[str, int] = {}
        self._alias_pairs = []
        for column, label in enumerate(self._labels):
            if label in first:
                self._alias_pairs.append((first[label], column))
            else:
                first[label] = column

    @staticmethod
    def encode(text: str) -> bytes:
        if text.isupper():
            text = text.lower()
        return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")

    def feature_counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids in order of first occurrence (the library's Counter order, which fixes the
        order of the score's sum), and how often each occurs."""
        symbols = np.frombuffer(data, dtype=np.uint8)
        n = len(symbols)
        states = np.zeros(n, dtype=np.intp)
        for step in range(self._depth):
            # this step feeds byte i - lag to position i; positions before `lag` still wait at 0
            lag = self._depth - 1 - step
            if lag >= n:
                continue
            states[lag:] = self._transitions[self._row_start[states[lag:]] + symbols[:n - lag]]
        features = self._output[states]
        positions = np.flatnonzero(features >= 0)
        # one sort of (feature, position) keys gives each feature's count and first position
        # (plain ufuncs: np.diff/np.unique cost more in their Python wrappers than in the work)
        width = max(n, 1)
        keys = np.sort(features[positions] * width + positions)
        ids = keys // width
        new = np.empty(len(keys), dtype=bool)
        new[:1] = True
        np.not_equal(ids[1:], ids[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        ends = np.empty_like(starts)
        ends[:-1] = starts[1:]
        ends[-1:] = len(keys)
        order = np.argsort(keys[starts] - ids[starts] * width)
        return ids[starts][order], (ends - starts)[order]

    def classify(self, text: str) -> tuple[str, float]:
        data = self.encode(text)
        ids, counts = self.feature_counts(data)
        if ids.size:
            scores = (np.log1p(counts.astype(np.float32)) @ self._class_features[ids]
                      + self._class_prior)
        else:
            # no feature at all: a uniform answer, as the library gives
            scores = np.zeros(len(self._labels), dtype=np.float32)
        # the library's temperature: T = sqrt(bytes) keeps the softmax calibrated across lengths
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for kept, folded in self._alias_pairs:
            scores[kept] += scores[folded]
            scores[folded] = 0.0
        best = int(scores.argmax())
        return self._labels[best], float(scores[best])


def fast_classify(identifier: LanguageIdentifier) -> Classify:
    """The scorer's classify when it can mirror this identifier, else the identifier's own (with a
    warning: the answers stay the same, only slower)."""
    try:
        scorer = NgramScorer(identifier)
        for probe in _PROBES:
            ours, theirs = scorer.classify(probe), identifier.classify(probe)
            if ours[0] != theirs[0] or abs(ours[1] - theirs[1]) > 1e-6:
                raise ModelLayoutError(f"on {probe!r}: {ours} where py3langid says {theirs}")
    except (ModelLayoutError, AttributeError, TypeError, ValueError, IndexError) as error:
        LOGGER.warning("language detection falls back to py3langid's per-byte classify: %s", error)
        return identifier.classify
    return scorer.classify
