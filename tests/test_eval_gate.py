"""The tagger's quality gate, the metric functions, the floors and the gold files themselves."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipelines.evaluation import __main__ as cli
from pipelines.evaluation.event_scores import format_event_report, score_events
from pipelines.evaluation.extraction import evaluate_extraction, format_extraction_report
from pipelines.evaluation.gold import (
    EVENT_SET_FILES,
    GOALS,
    GoldEvent,
    GoldItem,
    GoldSetError,
    load_own_set,
    load_real_doj_set,
    load_real_labels,
)
from pipelines.evaluation.metrics import (
    Counts,
    TrapOutcome,
    binary_counts,
    per_label_counts,
    set_counts,
    trap_confusion,
)
from pipelines.evaluation.runner import (
    COMBINED,
    FLOORS_FILE,
    GOLD_DIR,
    ROSTER_CSV,
    SHARED_DIR,
    evaluate,
    load_gold_sets,
    read_floors,
    roster_codes,
    tagger_predictor,
)
from pipelines.evaluation.scoring import Prediction, floor_failures, format_report, raised_floors

REPO_ROOT = Path(__file__).resolve().parents[1]
REAL_PAYLOAD_PRESENT = (SHARED_DIR / "realdata/DOJ_Press_Release_ETL").exists()


# --- the gate -------------------------------------------------------------------------------

def test_tagger_and_extractor_meet_every_floor_on_the_gold_sets():
    gold = load_gold_sets(roster=roster_codes())
    scores = evaluate(gold, tagger_predictor()(gold.combined))
    extraction, extraction_skipped = evaluate_extraction(GOLD_DIR, SHARED_DIR)
    figures = {name: s.figures() for name, s in {**scores, **extraction}.items()}
    failures = floor_failures(figures, read_floors(GOLD_DIR / FLOORS_FILE), COMBINED)
    report = "\n".join([*gold.skipped, *extraction_skipped, *(format_report(n, s) for n, s in scores.items()),
                        *(format_extraction_report(n, s) for n, s in extraction.items())])
    assert not failures, "\n".join(failures) + "\n" + report


def test_extraction_floors_are_gated():
    floors = read_floors(GOLD_DIR / FLOORS_FILE)
    assert {"extraction.must_recall", "extraction.must_not_excluded", "extraction.f1"} <= set(floors)


# --- metric functions on hand-computed cases -----------------------------------------------

def test_counts_ratios():
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall, c.support) == (0.75, 0.6, 5)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts(1, 2, 3) + Counts(4, 5, 6) == Counts(5, 7, 9)


def test_empty_denominators_count_as_nothing_invented_or_missed():
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    missed_all = Counts(tp=0, fp=0, fn=4)
    assert (missed_all.precision, missed_all.recall, missed_all.f1) == (1.0, 0.0, 0.0)
    invented_all = Counts(tp=0, fp=2, fn=0)
    assert (invented_all.precision, invented_all.recall, invented_all.f1) == (0.0, 1.0, 0.0)


def test_binary_counts():
    pairs = [(True, True), (True, False), (False, True), (False, False), (True, True)]
    assert binary_counts(pairs) == Counts(tp=2, fp=1, fn=1)


def test_set_counts_micro_and_without_us():
    pairs = [({"US", "FR"}, {"US", "DE"}), ({"GB"}, {"GB", "US"}), (set(), set())]
    assert set_counts(pairs) == Counts(tp=2, fp=2, fn=1)
    assert set_counts(pairs, exclude={"US"}) == Counts(tp=1, fp=1, fn=1)


def test_per_label_counts_with_support():
    pairs = [({"victims", "prosecution"}, {"prosecution"}),
             ({"prosecution"}, {"prosecution", "awareness"}),
             (set(), {"awareness"})]
    table = per_label_counts(pairs)
    assert table == {"awareness": Counts(0, 2, 0), "prosecution": Counts(2, 0, 0),
                     "victims": Counts(0, 0, 1)}
    assert [table[k].support for k in table] == [0, 2, 1]


def test_trap_confusion_counts_items_with_a_wrong_member_set():
    outcomes = [TrapOutcome(("georgia_us_state",), members_right=False, relevance_right=True),
                TrapOutcome(("georgia_us_state", "new_jersey"), True, False),
                TrapOutcome(("new_jersey",), False, False),
                TrapOutcome((), False, True)]
    table = trap_confusion(outcomes)
    assert {k: (v.items, v.wrong_members, v.wrong_relevance) for k, v in table.items()} == {
        "georgia_us_state": (2, 1, 1), "new_jersey": (2, 1, 2)}


# --- floors -----------------------------------------------------------------------------------

def test_raised_floors_round_down_and_never_lower():
    figures = {COMBINED: {"a": 0.9876, "b": 0.5, "c": 0.95}, "own": {"a": 0.7}}
    floors = {"a": 0.9, "b": 0.8, "c": 0.95, "own.a": 0.6, "missing": 0.3}
    assert raised_floors(floors, figures, COMBINED) == {
        "a": 0.98, "b": 0.8, "c": 0.95, "own.a": 0.7, "missing": 0.3}


def test_floor_failures_name_each_figure_below_its_floor_or_unknown():
    figures = {COMBINED: {"a": 0.5, "b": 0.9}, "own": {"a": 0.99}}
    failures = floor_failures(figures, {"a": 0.6, "b": 0.9, "own.a": 0.9, "nope": 0.1}, COMBINED)
    assert len(failures) == 2
    assert failures[0].startswith("a: 0.5000 is below the floor 0.60")
    assert failures[1] == "nope: no such figure"


def _gold_copy(tmp_path: Path, floors: dict) -> Path:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(GOLD_DIR / "items.jsonl", gold_dir / "items.jsonl")
    (gold_dir / FLOORS_FILE).write_text(json.dumps(floors), encoding="utf-8")
    return gold_dir


def _echo_gold(items):
    """A stand-in that answers exactly the gold labels: every figure is 1.0."""
    return {i.id: Prediction(i.relevant, frozenset(i.members), frozenset(i.goals)) for i in items}


def _say_nothing(items):
    """A stand-in that finds nothing: relevance, member and goal F1 are all 0.0."""
    return {i.id: Prediction(False, frozenset(), frozenset()) for i in items}


def test_update_floors_raises_to_current_figures(tmp_path, monkeypatch, capsys):
    gold_dir = _gold_copy(tmp_path, {"relevance_f1": 0.5, "own.goal_micro_f1": 0.2})
    monkeypatch.setattr(cli, "tagger_predictor", lambda: _echo_gold)
    code = cli.main(["--update-floors", "--gold-dir", str(gold_dir), "--accuracy-file",
                     str(tmp_path / "accuracy.json"),
                     "--shared-dir", str(tmp_path / "no-shared")])
    assert code == 0
    assert read_floors(gold_dir / FLOORS_FILE) == {"relevance_f1": 1.0, "own.goal_micro_f1": 1.0}
    assert "real_doj skipped" in capsys.readouterr().out


def test_update_floors_never_lowers_and_exit_names_the_failing_floors(tmp_path, monkeypatch, capsys):
    floors = {"relevance_f1": 0.95, "member_micro_f1_excl_us": 0.9, "goal_micro_f1": 0.85}
    gold_dir = _gold_copy(tmp_path, floors)
    monkeypatch.setattr(cli, "tagger_predictor", lambda: _say_nothing)
    code = cli.main(["--update-floors", "--gold-dir", str(gold_dir), "--accuracy-file",
                     str(tmp_path / "accuracy.json"),
                     "--shared-dir", str(tmp_path / "no-shared")])
    assert code == 1
    assert read_floors(gold_dir / FLOORS_FILE) == floors
    out = capsys.readouterr().out
    for key in floors:
        assert f"BELOW FLOOR {key}: 0.0000" in out


# --- the gold files ---------------------------------------------------------------------------

def test_own_gold_set_is_well_formed_and_covers_the_contract():
    items = load_own_set(GOLD_DIR / "items.jsonl", roster_codes())
    assert len(items) >= 170
    relevant = [i for i in items if i.relevant]
    assert 0.4 <= len(relevant) / len(items) <= 0.6
    per_source_goal = Counter((i.source, g) for i in relevant for g in i.goals)
    assert all(per_source_goal[(s, g)] >= 5 for s in ("doj", "eu") for g in GOALS), per_source_goal
    years = Counter(i.published[:4] for i in items if i.published)
    assert all(years[str(y)] >= 10 for y in range(2012, 2017)), years


def test_event_sets_are_well_formed_and_cover_the_genres_the_issue_names():
    items = [i for f in EVENT_SET_FILES.values() for i in load_own_set(GOLD_DIR / f, roster_codes())]
    relevant = [i for i in items if i.relevant]
    events = [e for i in items for e in i.events or ()]
    assert len(relevant) >= 120 and len(events) >= 400
    genres = Counter(i.genre for i in items)
    genres["declaration or statement"] = genres["declaration"] + genres["statement"]
    for genre in ("declaration or statement", "prosecution", "operation", "progress_report", "speech"):
        assert genres[genre] >= 8, genres
    assert sum(1 for i in relevant if i.events == ()) >= 8  # texts where no member acts
    roles = Counter(e.role for e in events)
    assert all(roles[r] >= 40 for r in ("actor", "partner", "signatory")), roles
    modes = Counter(e.mode for e in events)
    assert modes["action"] >= 150 and modes["commitment"] >= 150, modes
    assert {i.source for i in items} >= {"doj", "eu", "govuk", "europol"}


@pytest.mark.parametrize("event, message", [
    ({"member": "FR", "goal": "victims", "mode": "action", "role": "actor", "evidence": "not in it"},
     "evidence is not a substring"),
    ({"member": "FR", "goal": "victims", "mode": "done", "role": "actor", "evidence": "Body."},
     "mode 'done' is not one of"),
    ({"member": "FR", "goal": "victims", "mode": "action", "role": "host", "evidence": "Body."},
     "role 'host' is not one of"),
    ({"member": "ZZ", "goal": "victims", "mode": "action", "role": "actor", "evidence": "Body."},
     "member 'ZZ' is not on the roster"),
    ({"member": "FR", "goal": "awareness", "mode": "action", "role": "actor", "evidence": "Body."},
     "goal 'awareness' is not among the item's goals"),
])
def test_malformed_events_are_rejected_with_file_line_and_event(tmp_path, event, message):
    path = tmp_path / "events.jsonl"
    item = {**GOOD, "labels": {**GOOD["labels"], "events": [event]}}
    path.write_text(json.dumps(item) + "\n")
    with pytest.raises(GoldSetError) as err:
        load_own_set(path, frozenset({"FR", "US"}))
    assert f"{path}:1: events[0]" in str(err.value) and message in str(err.value)


def test_an_event_labelled_twice_is_rejected(tmp_path):
    event = {"member": "FR", "goal": "victims", "mode": "action", "role": "actor", "evidence": "Body."}
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps({**GOOD, "labels": {**GOOD["labels"], "events": [event, event]}}) + "\n")
    with pytest.raises(GoldSetError, match=r"labelled twice"):
        load_own_set(path)


def _labelled(item_id, *triples):
    return GoldItem(item_id, "eu", "t", "x", None, True, (), (), (), "",
                    events=tuple(GoldEvent(m, g, mode, role, "x") for m, g, mode, role in triples))


def test_event_scores_on_a_hand_counted_case():
    items = [
        _labelled("a", ("DE", "victims", "action", "actor"), ("DE", "prosecution", "action", "actor"),
                  ("NL", "prosecution", "action", "partner")),
        _labelled("b", ("GB", "victims", "commitment", "signatory")),
        _labelled("c"),  # no member acts: predicting nothing is right
    ]
    predicted = {
        "a": {("DE", "victims", "action"): "actor", ("DE", "prosecution", "commitment"): "actor",
              ("NL", "prosecution", "action"): "actor"},
        "b": {("GB", "victims", "commitment"): "signatory", ("FR", "victims", "commitment"): "signatory"},
        "c": {},
    }
    s = score_events(items, predicted)
    assert (s.events.tp, s.events.fp, s.events.fn) == (3, 2, 1)
    assert (s.pairs.tp, s.pairs.fp, s.pairs.fn) == (4, 1, 0)
    assert (s.mode_right, s.mode_matched) == (3, 4)  # DE prosecution: action labelled, commitment said
    a_f1, b_f1 = 2 * (2 / 3) * (2 / 3) / (4 / 3), 2 * 0.5 * 1 / 1.5
    assert s.macro_f1 == pytest.approx((a_f1 + b_f1 + 1.0) / 3)
    assert s.roles == {("actor", "actor"): 1, ("partner", "actor"): 1, ("signatory", "signatory"): 1}
    assert (s.goals.tp, s.goals.fp, s.goals.fn) == (3, 0, 0)
    assert s.per_mode["commitment"].fp == 2
    report = format_event_report("t", s)
    assert "events micro" in report and "mode accuracy" in report and "partner" in report


def test_event_scores_need_a_prediction_for_every_labelled_item():
    with pytest.raises(KeyError, match="no prediction for 1 gold items"):
        score_events([_labelled("a")], {})


def test_real_doj_labels_are_well_formed():
    labels = load_real_labels(GOLD_DIR / "realdata_doj_labels.jsonl", roster_codes())
    assert len(labels) == 100


@pytest.mark.skipif(not REAL_PAYLOAD_PRESENT, reason="../shared/realdata is absent")
def test_real_doj_labels_cover_exactly_the_shared_payload():
    items = load_real_doj_set(GOLD_DIR / "realdata_doj_labels.jsonl", SHARED_DIR)
    assert len(items) == 100 and all(i.text or i.title for i in items)


@pytest.mark.skipif(not ROSTER_CSV.exists(), reason="the roster file is not written yet")
def test_goal_codes_match_the_reference_goals():
    with (REPO_ROOT / "pipelines/reference/goals.csv").open(newline="", encoding="utf-8") as f:
        assert {row["code"] for row in csv.DictReader(f)} == GOALS


def test_every_trap_name_is_explained_in_the_readme():
    readme = (GOLD_DIR / "README.md").read_text(encoding="utf-8")
    own = [i for f in ("items.jsonl", *EVENT_SET_FILES.values()) for i in load_own_set(GOLD_DIR / f)]
    real = load_real_labels(GOLD_DIR / "realdata_doj_labels.jsonl")
    used = {t for i in own for t in i.traps} | {t for lab in real.values() for t in lab["traps"]}
    assert [t for t in sorted(used) if f"`{t}`" not in readme] == []


def test_missing_shared_material_skips_the_real_set_with_a_reason(tmp_path):
    gold = load_gold_sets(GOLD_DIR, tmp_path / "nowhere")
    assert "real_doj" not in gold.sets and "own" in gold.sets
    assert "nowhere" in gold.skipped[0]


GOOD = {"id": "x1", "source": "doj", "title": "T", "text": "Body.", "published": "2013-01-02",
        "labels": {"relevant": True, "members": ["FR", "US"], "goals": ["victims"]},
        "traps": [], "note": ""}


@pytest.mark.parametrize("change, message", [
    ({"labels": {**GOOD["labels"], "members": ["US", "FR"]}}, "field 'members' must be sorted"),
    ({"labels": {**GOOD["labels"], "members": ["FR", "FR"]}}, "field 'members' must be sorted"),
    ({"labels": {**GOOD["labels"], "members": ["ZZ"]}}, "unknown values ['ZZ']"),
    ({"labels": {**GOOD["labels"], "members": ["fra"]}}, "unknown values ['fra']"),
    ({"labels": {**GOOD["labels"], "relevant": False}}, "goals ['victims'] given for an item"),
    ({"labels": {**GOOD["labels"], "goals": ["rescue"]}}, "field 'goals' has unknown values"),
    ({"labels": {**GOOD["labels"], "relevant": "yes"}}, "field 'relevant' has type str"),
    ({"source": "fbi"}, "field 'source' must be one of"),
    ({"published": "5 May 2013"}, "field 'published' is not an ISO date"),
    ({"title": None}, "field 'title' has type NoneType"),
])
def test_malformed_own_items_are_rejected_with_file_line_and_field(tmp_path, change, message):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "x2", **change}) + "\n")
    with pytest.raises(GoldSetError) as err:
        load_own_set(path, frozenset({"FR", "US"}))
    assert f"{path}:2: " in str(err.value) and message in str(err.value)


def test_duplicate_ids_and_broken_json_are_rejected(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n")
    with pytest.raises(GoldSetError, match="id 'x1' appears more than once"):
        load_own_set(path)
    path.write_text(json.dumps(GOOD) + "\n{not json\n")
    with pytest.raises(GoldSetError, match=r"items.jsonl:2: not valid JSON"):
        load_own_set(path)


@pytest.mark.skipif(not REAL_PAYLOAD_PRESENT, reason="../shared/realdata is absent")
def test_real_labels_without_a_release_are_rejected(tmp_path):
    labels = tmp_path / "labels.jsonl"
    row = {"uuid": "not-a-real-uuid", "relevant": False, "members": [], "goals": [], "note": ""}
    labels.write_text(json.dumps(row) + "\n")
    with pytest.raises(GoldSetError, match="uuids not in"):
        load_real_doj_set(labels, SHARED_DIR)


# --- the accuracy readers see beside the trends -----------------------------------------------

def test_the_shipped_accuracy_figures_were_measured_on_this_codebook_and_these_gold_sets():
    from pipelines.reference_files import read_accuracy
    from pipelines.tagging import Tagger

    accuracy = read_accuracy()
    assert accuracy is not None, "pipelines/reference/accuracy.json is missing: run make eval"
    assert accuracy["codebook_version"] == Tagger.from_reference().codebook_version, "run make eval"
    gold = load_gold_sets(roster=roster_codes())
    assert {k: v for k, v in accuracy["gold_sets"].items() if k in gold.sets} == {
        name: len(items) for name, items in gold.sets.items()}, "run make eval"
    for name in ("events", "pairs", "members", "goal:victims", "mode:commitment"):
        figure = accuracy["figures"][name]
        low, high = figure["f1_95"]
        assert 0 <= low <= figure["f1"] <= high <= 1, name


def test_bootstrap_intervals_are_seeded_and_bracket_the_estimate():
    from pipelines.evaluation.accuracy import accuracy_figures, document_counts

    items = [_labelled(f"d{i}", ("DE", "victims", "action", "actor"), ("FR", "prosecution", "action", "actor"))
             for i in range(30)]
    both = {("DE", "victims", "action"): "actor", ("FR", "prosecution", "action"): "actor"}
    predicted = [both if i % 3 == 0 else {("DE", "victims", "action"): "actor"} if i % 3 == 1 else {}
                 for i in range(30)]
    docs = [document_counts(item, frozenset(), frozenset(), p) for item, p in zip(items, predicted)]
    first = accuracy_figures(docs, "cb", {"t": 30}, resamples=200)
    assert first == accuracy_figures(docs, "cb", {"t": 30}, resamples=200)
    events = first["figures"]["events"]
    assert (events["precision"], events["recall"], events["support"]) == (1.0, 0.5, 60)
    assert events["precision_95"] == [1.0, 1.0]
    assert events["recall_95"][0] <= 0.5 <= events["recall_95"][1] and events["recall_95"][0] < events["recall_95"][1]
    assert first["codebook_version"] == "cb" and first["gold_sets"] == {"t": 30}
