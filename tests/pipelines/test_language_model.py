"""The numpy scorer gives py3langid's own answers: the same features, counts, language and probability,
and the library's classify itself whenever the model is not laid out as the scorer expects."""

import logging
import random
from array import array

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from pipelines.language import _classify
from pipelines.language_model import NgramScorer, automaton_depth, fast_classify

PROSE = {
    "english": "The ministers met in the capital on Tuesday and agreed to publish a yearly account of "
               "what each country has done to protect children who use the internet.",
    "french": "Les ministres se sont réunis mardi dans la capitale et ont convenu de publier chaque "
              "année un bilan de ce que chaque pays a fait pour protéger les enfants en ligne.",
    "german": "Die Minister trafen sich am Dienstag in der Hauptstadt und vereinbarten, jedes Jahr "
              "darüber zu berichten, was ihr Land für den Schutz von Kindern im Netz getan hat.",
    "spanish": "Los ministros se reunieron el martes en la capital y acordaron publicar cada año un "
               "informe sobre lo que cada país ha hecho para proteger a los niños en internet.",
    "greek": "Οι υπουργοί συναντήθηκαν την Τρίτη στην πρωτεύουσα και συμφώνησαν να δημοσιεύουν κάθε "
             "χρόνο έναν απολογισμό για την προστασία των παιδιών στο διαδίκτυο.",
    "russian": "Министры встретились во вторник в столице и договорились ежегодно публиковать отчёт "
               "о том, что каждая страна сделала для защиты детей в интернете.",
    "chinese": "各国部长周二在首都会面，同意每年公布一份报告，说明各国为保护上网儿童所做的工作。",
    "arabic": "اجتمع الوزراء يوم الثلاثاء في العاصمة واتفقوا على نشر تقرير سنوي عما قامت به كل دولة "
              "لحماية الأطفال على الإنترنت.",
    "mixed scripts": "Press release IP/14/123 — Пресс-релиз — 新闻稿 — Δελτίο Τύπου — بيان صحفي",
    "digits and punctuation": "12-345 / 2014-06-01 / 99 % (+32) 2 299 11 11; §4.2, ¶7 — “…” !!",
    "empty": "",
    "one char": "x",
    "one wide char": "字",
    "lone surrogates": "abuse \ud800 online \udfff report \udbff\udc00",
    "upper case only": "THE COMMISSION TODAY WELCOMED THE AGREEMENT REACHED BY THE MINISTERS",
    "decomposed accents": "Le re\u0301sume\u0301 de la se\u0301ance du Conseil",
    "whitespace": " \n\t  \r\n ",
}

_POOLS = [
    (0x20, 0x7F), (0xA0, 0x250), (0x370, 0x400), (0x400, 0x530), (0x600, 0x700), (0x900, 0x980),
    (0x300, 0x370), (0x3040, 0x3100), (0x4E00, 0xA000), (0xAC00, 0xD7A4), (0xD800, 0xE000),
    (0x1F300, 0x1F700), (0x10000, 0x10FFFF),
]


def random_texts(count: int, seed: int = 20141210) -> list[str]:
    """Strings of 0-400 characters drawn from a few scripts (one to three per string), combining marks,
    lone surrogates and astral characters; one in six is upper-cased."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        pools = rng.sample(_POOLS, rng.randint(1, 3))
        text = "".join(chr(rng.randrange(*rng.choice(pools))) for _ in range(rng.randint(0, 400)))
        texts.append(text.upper() if rng.random() < 1 / 6 else text)
    return texts


CASES = list(PROSE.values()) + random_texts(300)
CASE_IDS = list(PROSE) + [f"random-{n}" for n in range(300)]


@pytest.fixture(scope="module")
def library() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture(scope="module")
def scorer(library) -> NgramScorer:
    return NgramScorer(library)


@pytest.mark.parametrize("text", CASES, ids=CASE_IDS)
def test_the_language_and_probability_are_the_librarys(library, scorer, text):
    language, probability = scorer.classify(text)
    expected_language, expected_probability = library.classify(text)
    assert language == expected_language
    assert probability == pytest.approx(expected_probability, rel=0, abs=1e-6)


@pytest.mark.parametrize("text", CASES, ids=CASE_IDS)
def test_the_features_and_counts_are_the_librarys_in_its_order(library, scorer, text):
    data = NgramScorer.encode(text)
    assert data == LanguageIdentifier._encode(text)
    walked = visit_counts(library.tk_nextmove, library._rowbase, library.tk_output, data) or {}
    ids, counts = scorer.feature_counts(data)
    assert list(zip(ids.tolist(), counts.tolist())) == list(walked.items())


def test_the_prose_is_told_apart(scorer):
    # guards against a scorer that agrees with the library only by answering the same for everything
    languages = {name: scorer.classify(PROSE[name])[0]
                 for name in ("english", "french", "german", "spanish", "greek", "russian", "arabic")}
    assert languages == {"english": "en", "french": "fr", "german": "de", "spanish": "es",
                         "greek": "el", "russian": "ru", "arabic": "ar"}


def _is_aho_corasick(transitions: np.ndarray, state_row: np.ndarray) -> bool:
    """Whether the automaton is the Aho-Corasick one of the trie its depth-raising moves spell: then
    after any text it stands at the longest trie word ending there, a function of the last D bytes."""
    n, rows = len(state_row), transitions.reshape(-1, 256)
    state_row = state_row.astype(np.int64)
    depth = np.full(n, -1)
    depth[0], frontier, level = 0, np.array([0]), 0
    while frontier.size:
        reached = np.zeros(n, dtype=bool)
        reached[rows[state_row[frontier]].ravel()] = True
        frontier = np.flatnonzero(reached & (depth < 0))
        level += 1
        depth[frontier] = level
    chunks = [np.arange(start, min(start + 4096, n)) for start in range(0, n, 4096)]

    def moves_of(states):
        moves = rows[state_row[states]].astype(np.int64)
        return moves, depth[moves] == depth[states][:, None] + 1

    parent, via, incoming = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64), np.zeros(n)
    for states in chunks:
        moves, deeper = moves_of(states)
        at, byte = np.nonzero(deeper)
        np.add.at(incoming, moves[at, byte], 1)
        parent[moves[at, byte]], via[moves[at, byte]] = states[at], byte
    if not (incoming[1:] == 1).all():
        return False   # some state is reached by two trie edges, or by none: not a trie
    fail = np.zeros(n, dtype=np.int64)
    for level in range(2, depth.max() + 1):
        at = np.flatnonzero(depth == level)
        fail[at] = rows[state_row[fail[parent[at]]], via[at]]
    root_moves, root_deeper = moves_of(np.array([0]))
    if not (root_deeper | (root_moves == 0)).all():
        return False
    # every other move that is not a trie edge must be the move of the state's failure link
    for states in chunks:
        moves, deeper = moves_of(states)
        if not (deeper | (moves == rows[state_row[fail[states]]]))[states > 0].all():
            return False
    return True


def test_the_shipped_model_is_an_aho_corasick_automaton(library):
    transitions = np.asarray(library.tk_nextmove)
    state_row = np.asarray(library.tk_row, dtype=np.int64)
    assert _is_aho_corasick(transitions, state_row)


def _tiny_identifier(patterns: list[bytes], automaton: str = "aho-corasick") -> LanguageIdentifier:
    """A two-class identifier over the given byte n-grams, built the Aho-Corasick way (or, to break
    the scorer's assumption, as an automaton whose state depends on the whole text)."""
    goto: dict[tuple[int, int], int] = {}
    ends: dict[int, int] = {}
    for feature, pattern in enumerate(patterns):
        state = 0
        for byte in pattern:
            state = goto.setdefault((state, byte), len(goto) + 1)
        ends[state] = feature
    n = len(goto) + 1
    children: dict[int, list[tuple[int, int]]] = {}
    for (state, byte), child in goto.items():
        children.setdefault(state, []).append((byte, child))
    moves = [[0] * 256 for _ in range(n)]
    fail = [0] * n
    queue = [0]
    for state in queue:   # breadth first: a failure link points to a shallower state, done before
        for byte in range(256):
            moves[state][byte] = moves[fail[state]][byte] if state else 0
        for byte, child in children.get(state, []):
            fail[child] = moves[fail[state]][byte] if state else 0
            moves[state][byte] = child
            queue.append(child)
    if automaton == "parity":
        # every space flips between the trie's root and a mirror of it: the state depends on how
        # many spaces came before, not on the last D bytes
        moves = [row[:] for row in moves] + [[n + target for target in row] for row in moves]
        for state in range(2 * n):
            moves[state][ord(" ")] = n if state < n else 0
        ends = {**ends, **{n + state: feature for state, feature in ends.items()}, n: len(patterns)}
        patterns = [*patterns, b" "]
        n *= 2
    rng = np.random.default_rng(7)
    class_features = rng.uniform(-9, -1, size=(len(patterns), 2)).astype(np.float16)
    return LanguageIdentifier(class_features, np.log(np.array([0.4, 0.6], dtype=np.float32)),
                              ["aa", "bb"], array("I", [t for row in moves for t in row]),
                              [ends.get(state, -1) for state in range(n)], norm_probs=True,
                              tk_row=array("I", range(n)))


def test_the_depth_is_the_longest_ngram_of_the_model():
    identifier = _tiny_identifier([b"ab", b"abcdefg", b"cde", b"g"])
    transitions = np.asarray(identifier.tk_nextmove).reshape(-1, 256)
    assert automaton_depth(transitions, np.asarray(identifier.tk_row, dtype=np.int64)) == 7
    scorer = NgramScorer(identifier)
    for text in ["abcdefg", "xxabcdefgabcdeabcdefg", "gggcdeab", "abcdef", "", "a"]:
        walked = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output,
                              text.encode()) or {}
        ids, counts = scorer.feature_counts(text.encode())
        assert list(zip(ids.tolist(), counts.tolist())) == list(walked.items()), text
        (language, probability), expected = scorer.classify(text), identifier.classify(text)
        assert (language, probability) == (expected[0], pytest.approx(expected[1], abs=1e-6))


class _Opaque:
    """An identifier of another kind: it answers classify and shows nothing else."""

    def __init__(self, inner: LanguageIdentifier) -> None:
        self.classify = inner.classify


def test_an_identifier_without_the_tables_keeps_the_librarys_classify(library, caplog):
    opaque = _Opaque(library)
    with caplog.at_level(logging.WARNING, logger="pipelines.language_model"):
        classify = fast_classify(opaque)
    assert classify is opaque.classify
    assert classify(PROSE["french"]) == library.classify(PROSE["french"])
    assert "falls back to py3langid" in caplog.text


def test_a_table_missing_or_of_another_shape_keeps_the_librarys_classify(caplog):
    missing = _tiny_identifier([b"ab", b"bc"])
    del missing.tk_row   # the library itself walks its own pre-shifted copy, and still answers
    reshaped = _tiny_identifier([b"ab", b"bc"])
    reshaped.nb_pc = reshaped.nb_pc[:1]
    with caplog.at_level(logging.WARNING, logger="pipelines.language_model"):
        assert fast_classify(missing) == missing.classify
        assert fast_classify(reshaped) == reshaped.classify
    assert "no tk_row" in caplog.text and "nb_pc (1,)" in caplog.text


def test_an_automaton_that_is_not_aho_corasick_keeps_the_librarys_classify(caplog):
    parity = _tiny_identifier([b"an", b"in", b"e"], automaton="parity")
    assert not _is_aho_corasick(np.asarray(parity.tk_nextmove), np.asarray(parity.tk_row))
    with caplog.at_level(logging.WARNING, logger="pipelines.language_model"):
        assert fast_classify(parity) == parity.classify
    assert "where py3langid says" in caplog.text


def test_the_detector_uses_the_numpy_scorer_for_the_shipped_model():
    assert isinstance(getattr(_classify(), "__self__", None), NgramScorer)
