"""Near-duplicates: one release under two DOJ components, one Commission text in two languages,
each linked to one canonical document; incremental passes compare only what is new."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta

import duckdb
import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

import pipelines.processing
from pipelines.near_duplicates import (
    _LSH_SHINGLES,
    NUM_PERM,
    RecentRecords,
    SimilarPair,
    TextRecord,
    _BandIndex,
    _same,
    _template,
    assign_canonicals,
    find_similar_pairs,
    fingerprint,
    jaccard,
    numbers,
    shingles,
)
from pipelines.processing import extract_pending, link_near_duplicates
from warehouse.schema import migrate

DAY = date(2014, 6, 10)

RELEASE = (
    "ATLANTA – A Decatur man was sentenced today to 210 months in federal prison for enticing a "
    "fourteen-year-old girl he met through a gaming application and for producing sexually explicit "
    "images of her. According to the plea agreement, the defendant sent the girl gifts, persuaded her "
    "to send him pictures and then drove four hours to meet her. Agents of Homeland Security "
    "Investigations found more than three hundred images on his phone and identified a second victim "
    "living in another state. The case was brought as part of Project Safe Childhood, a nationwide "
    "initiative to combat the growing epidemic of child sexual exploitation and abuse."
)
# The same release as a second component posts it: another dateline and a closing contact line.
RELEASE_AGAIN = RELEASE.replace("ATLANTA –", "WASHINGTON –") + " Media inquiries go to the press office."
# Another release of the same office: the same Project Safe Childhood paragraph, another case.
OTHER_CASE = (
    "ATLANTA – A Marietta woman pleaded guilty today to distributing child sexual abuse material through "
    "a file-sharing network. Investigators traced the files to her home computer in March and seized two "
    "laptops. She faces at least five years in prison when she is sentenced in September. The case was "
    "brought as part of Project Safe Childhood, a nationwide initiative to combat the growing epidemic of "
    "child sexual exploitation and abuse."
)
EN = ("Brussels, 5 December 2012. Today Commissioner Cecilia Malmström and Attorney General Eric Holder "
      "launched the Global Alliance against Child Sexual Abuse Online with ministers from 48 countries. The "
      "members commit to raise the number of identified victims in the INTERPOL database by 10% a year. A "
      "first report on the commitments will follow in 2013, and the ministers will meet again in 2014.")
FR = ("Bruxelles, le 5 décembre 2012. La commissaire Cecilia Malmström et le ministre américain de la justice "
      "Eric Holder ont lancé aujourd'hui l'Alliance mondiale contre les abus sexuels commis contre des enfants "
      "en ligne, avec des ministres de 48 pays. Les membres s'engagent à augmenter de 10 % par an le nombre de "
      "victimes identifiées dans la base de données d'INTERPOL. Un premier rapport sur les engagements suivra "
      "en 2013, et les ministres se réuniront de nouveau en 2014.")
DE = ("Brüssel, 5. Dezember 2012. Kommissarin Cecilia Malmström und Justizminister Eric Holder haben heute mit "
      "Ministern aus 48 Ländern die Globale Allianz gegen sexuellen Missbrauch von Kindern im Internet ins Leben "
      "gerufen. Die Mitglieder wollen die Zahl der identifizierten Opfer in der Datenbank von INTERPOL jährlich "
      "um 10 % erhöhen. Ein erster Bericht folgt 2013, und die Minister treffen sich 2014 erneut.")
OTHER_FR = ("Bruxelles, le 5 décembre 2012. La commissaire Cecilia Malmström a présenté aujourd'hui un rapport sur "
            "la traite des êtres humains. Selon Eurostat, 23 632 victimes ont été recensées entre 2008 et 2010, "
            "dont 68 % de femmes. La Commission invite les États membres à transposer la directive avant 2013.")


def rec(doc_id, text, published=DAY, *, new=True, language="en", source="doj", version=1):
    return TextRecord(doc_id, version, source, published, language, text, new)


def pairs_of(*records):
    return {(p.first, p.second, p.method): p.similarity for p in find_similar_pairs(records)}


# --- the pieces, on hand-computed cases ------------------------------------------------------

def test_shingles_and_jaccard_by_hand():
    assert shingles("A b c d e F") == {"a b c d e", "b c d e f"}
    assert shingles("Too short") == {"too short"} and shingles(" .. ") == frozenset()
    words = [f"w{i}" for i in range(100)]
    changed_last = words[:-1] + ["other"]
    # 96 shingles each; all but the last one shared: 95 / (96 + 96 - 95)
    assert jaccard(shingles(" ".join(words)), shingles(" ".join(changed_last))) == pytest.approx(95 / 97)
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_numbers_ignore_how_each_language_groups_digits():
    assert numbers("1,000 or 1.000 or 1 000 victims; 5,3 or 5.3 %; 7 days; IP/12/1308") == {
        "1000", "53", "12", "1308"}


# --- finding pairs ---------------------------------------------------------------------------

def test_same_release_under_two_components_is_a_pair_and_another_case_is_not():
    found = pairs_of(rec("doj:a", RELEASE), rec("doj:b", RELEASE_AGAIN), rec("doj:c", OTHER_CASE))
    expected = jaccard(shingles(RELEASE), shingles(RELEASE_AGAIN))
    assert found == {("doj:a", "doj:b", "shingles"): pytest.approx(expected)}
    assert expected > 0.85


def test_translations_are_pairs_on_their_numbers_and_names():
    found = pairs_of(rec("eu:1", EN, source="eu"), rec("eu:2", FR, source="eu", language="fr"),
                     rec("eu:3", DE, source="eu", language="de"),
                     rec("eu:4", OTHER_FR, source="eu", language="fr"))
    # EN, FR and DE share the numbers {10, 2012, 2013, 2014, 48}; the other French text only two of them
    assert found == {("eu:1", "eu:2", "anchors"): 1.0, ("eu:1", "eu:3", "anchors"): 1.0,
                     ("eu:2", "eu:3", "anchors"): 1.0}


@pytest.mark.parametrize("second", [
    rec("eu:2", FR, source="doj", language="fr"),     # another source: not the same release
    rec("eu:2", FR, source="eu", language=None),      # language unknown
    rec("eu:2", FR, source="eu", language="en"),      # same language claimed: words must match, they do not
])
def test_translations_need_one_source_and_two_known_languages(second):
    assert pairs_of(rec("eu:1", EN, source="eu"), second) == {}


def test_only_pairs_with_a_new_side_are_sought():
    assert pairs_of(rec("doj:a", RELEASE, new=False), rec("doj:b", RELEASE_AGAIN, new=False)) == {}
    assert list(pairs_of(rec("doj:a", RELEASE, new=False), rec("doj:b", RELEASE_AGAIN))) == [
        ("doj:a", "doj:b", "shingles")]


def test_blocking_compares_documents_at_most_a_week_apart():
    week_later = pairs_of(rec("doj:a", RELEASE), rec("doj:b", RELEASE, DAY + timedelta(days=7)))
    eight_days = pairs_of(rec("doj:a", RELEASE), rec("doj:b", RELEASE, DAY + timedelta(days=8)))
    assert week_later == {("doj:a", "doj:b", "shingles"): 1.0} and eight_days == {}
    # the window slides: c is within a week of b but not of a
    chain = pairs_of(rec("doj:a", RELEASE), rec("doj:b", RELEASE, DAY + timedelta(days=5)),
                     rec("doj:c", RELEASE, DAY + timedelta(days=10)))
    assert set(chain) == {("doj:a", "doj:b", "shingles"), ("doj:b", "doj:c", "shingles")}


def test_undated_documents_are_compared_only_with_each_other():
    found = pairs_of(rec("doj:a", RELEASE), rec("doj:b", RELEASE, None), rec("doj:c", RELEASE_AGAIN, None))
    assert set(found) == {("doj:b", "doj:c", "shingles")}


def test_records_out_of_date_order_are_refused_naming_the_document():
    with pytest.raises(ValueError, match=r"doj:b \(2014-06-01\) after doj:a"):
        pairs_of(rec("doj:a", RELEASE), rec("doj:b", RELEASE, date(2014, 6, 1)))
    with pytest.raises(ValueError, match="doj:a appears twice"):
        pairs_of(rec("doj:a", RELEASE), rec("doj:a", RELEASE))


# --- choosing the canonical document ---------------------------------------------------------

def test_the_earliest_new_document_stands_for_its_group():
    docs = [rec("doj:c", RELEASE, DAY + timedelta(days=2)), rec("doj:b", RELEASE, DAY + timedelta(days=1)),
            rec("doj:a", RELEASE)]
    links = assign_canonicals(docs, find_similar_pairs(sorted(docs, key=lambda r: r.published)), {})
    assert {(k.doc_id, k.canonical_doc_id, k.similarity) for k in links} == {
        ("doj:b", "doj:a", 1.0), ("doj:c", "doj:a", 1.0)}


def test_a_new_document_joins_the_canonical_of_an_old_duplicate():
    records = [rec("doj:a", RELEASE, new=False, version=3), rec("doj:b", RELEASE, new=False),
               rec("doj:x", RELEASE_AGAIN)]
    pairs = [SimilarPair("doj:b", "doj:x", 0.9, "shingles"), SimilarPair("doj:a", "doj:x", 0.8, "shingles")]
    # b was linked to the canonical z (outside the window); x is most like b, so it joins z
    links = assign_canonicals(records, pairs, {"doj:b": ("doj:z", 2)})
    assert [(k.doc_id, k.canonical_doc_id, k.canonical_version, k.similarity) for k in links] == [
        ("doj:x", "doj:z", 2, 0.9)]


def test_on_one_date_the_english_text_stands_for_its_translations():
    records = [rec("eu:1", FR, source="eu", language="fr"), rec("eu:2", EN, source="eu")]
    links = assign_canonicals(records, [SimilarPair("eu:1", "eu:2", 1.0, "anchors")], {})
    assert [(k.doc_id, k.canonical_doc_id, k.method) for k in links] == [("eu:1", "eu:2", "anchors")]


def _variants(count):
    """Texts that share more or less of RELEASE: every k-th word replaced, for a spread of overlaps."""
    words = RELEASE.split()
    return [" ".join(f"w{k}x{i}" if i % k == 0 else word for i, word in enumerate(words))
            for k in range(2, 2 + count)]


def test_a_fingerprint_is_the_same_whatever_process_makes_it():
    """Fingerprints are made in worker processes and compared in another: nothing in them may depend
    on the process (Python's own string hash is salted per process; a fresh interpreter has another salt)."""
    records = [rec("doj:a", RELEASE), rec("eu:b", FR, source="eu", language="fr"), rec("doj:c", "")]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as elsewhere:
        theirs = list(elsewhere.map(fingerprint, records))
    ours = [fingerprint(r) for r in records]
    for mine, other in zip(ours, theirs, strict=True):
        assert mine.record == other.record and mine.record.text == ""
        assert np.array_equal(mine.shingles, other.shingles)
        assert (mine.shingle_bands, mine.number_bands, mine.numbers, mine.names) == (
            other.shingle_bands, other.number_bands, other.numbers, other.names)
    assert ours[0].shingle_bands is not None and ours[1].number_bands is not None
    assert ours[2].shingle_bands is None   # no text, compared with nothing


def test_the_band_index_finds_the_candidates_datasketchs_lsh_finds():
    texts = [RELEASE, RELEASE_AGAIN, OTHER_CASE, *_variants(12)]
    found = [fingerprint(rec(f"doj:{i}", text)) for i, text in enumerate(texts)]
    ours, theirs = _BandIndex(), MinHashLSH(threshold=_LSH_SHINGLES, num_perm=NUM_PERM)
    template = _template()
    for f in found:
        minhash = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme,
                          hashfunc=_same)
        minhash.update_batch(f.shingles.tolist())
        ours.insert(f.record.doc_id, f.shingle_bands)
        theirs.insert(f.record.doc_id, minhash)
        assert ours.query(f.shingle_bands) == set(theirs.query(minhash))
    sizes = {len(ours.query(f.shingle_bands)) for f in found}
    assert min(sizes) >= 1 and max(sizes) > 2   # some texts find only themselves, others several
    ours.remove("doj:0")
    assert "doj:0" not in ours.query(found[0].shingle_bands) and "doj:1" in ours.query(found[0].shingle_bands)


# --- in the warehouse ------------------------------------------------------------------------

class Warehouse:
    def __init__(self, conn):
        self.conn = conn

    def add(self, doc_id, html, published=DAY, version=1):
        source, source_id = doc_id.split(":", 1)
        self.conn.execute(
            "INSERT INTO raw_documents (doc_id, version, source, source_id, title, published, html, "
            "content_sha256, crawl_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'crawl.jsonl')",
            [doc_id, version, source, source_id, f"title of {doc_id}", published, html, f"{doc_id}#{version}"])

    def run(self):
        extract_pending(self.conn, workers=1)
        return link_near_duplicates(self.conn)

    def canonical(self):
        return dict(self.conn.execute("SELECT doc_id, canonical_doc_id FROM document_canonical").fetchall())

    def releases(self):
        return self.conn.execute("SELECT count(*) FROM canonical_documents").fetchone()[0]

    def scanned_at(self):
        return dict(self.conn.execute("SELECT doc_id, scanned_at FROM duplicate_scans").fetchall())


@pytest.fixture
def warehouse(new_warehouse):
    with new_warehouse() as conn:
        yield Warehouse(conn)


def html(text):
    return f"<p>{text}</p>"


def test_two_components_count_as_one_release(warehouse):
    warehouse.add("doj:uuid-1", html(RELEASE))
    warehouse.add("doj:uuid-2", html(RELEASE_AGAIN), DAY + timedelta(days=1))
    warehouse.add("doj:uuid-3", html(OTHER_CASE))
    assert warehouse.run() == 1
    assert warehouse.canonical() == {"doj:uuid-1": "doj:uuid-1", "doj:uuid-2": "doj:uuid-1",
                                     "doj:uuid-3": "doj:uuid-3"}
    assert warehouse.releases() == 2
    row = warehouse.conn.execute(
        "SELECT copies, duplicate_doc_ids FROM canonical_documents WHERE doc_id = 'doj:uuid-1'").fetchone()
    assert row == (2, ["doj:uuid-2"])
    assert warehouse.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3   # unchanged


def test_two_languages_count_as_one_release(warehouse):
    warehouse.add("eu:IP/12/1308", html(EN), date(2012, 12, 5))
    warehouse.add("eu:IP/12/1308-fr", html(FR), date(2012, 12, 5))
    assert warehouse.run() == 1
    assert warehouse.canonical()["eu:IP/12/1308-fr"] == "eu:IP/12/1308"
    method = warehouse.conn.execute("SELECT method FROM document_canonical WHERE NOT is_canonical").fetchone()
    assert method == ("anchors",)


def test_a_second_pass_compares_only_what_is_new(warehouse):
    warehouse.add("doj:uuid-1", html(RELEASE))
    warehouse.add("doj:uuid-3", html(OTHER_CASE))
    assert warehouse.run() == 0
    first = warehouse.scanned_at()
    assert warehouse.run() == 0 and warehouse.scanned_at() == first
    warehouse.add("doj:uuid-2", html(RELEASE_AGAIN), DAY + timedelta(days=3))
    assert warehouse.run() == 1
    after = warehouse.scanned_at()
    assert {k: after[k] for k in first} == first and set(after) - set(first) == {"doj:uuid-2"}
    assert warehouse.canonical()["doj:uuid-2"] == "doj:uuid-1"


def test_a_changed_canonical_releases_its_duplicates(warehouse):
    warehouse.add("doj:uuid-1", html(RELEASE))
    warehouse.add("doj:uuid-2", html(RELEASE_AGAIN))
    assert warehouse.run() == 1
    warehouse.add("doj:uuid-1", html(OTHER_CASE), version=2)     # the page now holds another text
    assert warehouse.run() == 0
    assert warehouse.canonical() == {"doj:uuid-1": "doj:uuid-1", "doj:uuid-2": "doj:uuid-2"}
    assert warehouse.conn.execute("SELECT count(*) FROM document_duplicates").fetchone()[0] == 0


def test_a_link_made_on_an_older_version_does_not_count(warehouse):
    warehouse.add("doj:uuid-1", html(RELEASE))
    warehouse.add("doj:uuid-2", html(RELEASE_AGAIN))
    warehouse.run()
    # a new version arrives but is not extracted yet: the link was made on version 1
    warehouse.add("doj:uuid-2", html(OTHER_CASE), version=2)
    assert warehouse.releases() == 2
    warehouse.run()
    assert warehouse.releases() == 2 and warehouse.canonical()["doj:uuid-2"] == "doj:uuid-2"


def test_re_extracted_text_is_compared_again(warehouse):
    warehouse.add("doj:uuid-1", html(RELEASE))
    warehouse.add("doj:uuid-2", html(OTHER_CASE))
    assert warehouse.run() == 0
    # re-extraction finds the same text as uuid-1 in uuid-2's page (same version, new text)
    warehouse.conn.execute("UPDATE extracted_texts SET text = ? WHERE doc_id = 'doj:uuid-2'", [RELEASE_AGAIN])
    assert link_near_duplicates(warehouse.conn) == 1


def test_documents_without_text_are_left_alone(warehouse):
    warehouse.add("doj:uuid-1", html(RELEASE))
    warehouse.add("doj:uuid-2", "")
    assert warehouse.run() == 0
    assert warehouse.canonical() == {"doj:uuid-1": "doj:uuid-1", "doj:uuid-2": "doj:uuid-2"}



def test_linking_in_worker_processes_makes_the_links_linking_here_makes(monkeypatch):
    """A pass large enough for workers: they fingerprint the texts, this process compares them."""
    texts = [RELEASE, RELEASE_AGAIN, OTHER_CASE, *_variants(8), EN, FR]
    links = {}
    for workers in (1, 2):
        monkeypatch.setattr(pipelines.processing, "LINKING_MIN_ITEMS_FOR_WORKERS", 2)
        with duckdb.connect() as conn:
            migrate(conn)
            warehouse = Warehouse(conn)
            for i, text in enumerate(texts):
                warehouse.add(f"doj:{i}", html(text), DAY + timedelta(days=i % 3))
            extract_pending(conn, workers=1)
            made = link_near_duplicates(conn, workers=workers)
            links[workers] = (made, warehouse.canonical())
    assert links[1][0] >= 2   # the pass found duplicates to agree on
    assert links[2] == links[1]


def test_a_pass_over_many_weeks_links_a_pair_a_week_apart_and_keeps_few_records(warehouse):
    """Documents on sixty days, each another case; late in the run, a release repeated a week after
    its first copy: the link is made although the pass no longer holds the early days' records."""
    for day in range(60):
        warehouse.add(f"doj:case-{day}", html(f"{OTHER_CASE} Case number {day * 7919} of the day {day}."),
                      DAY + timedelta(days=day))
    warehouse.add("doj:first", html(RELEASE), DAY + timedelta(days=50))
    warehouse.add("doj:again", html(RELEASE_AGAIN), DAY + timedelta(days=57))
    assert warehouse.run() >= 1
    assert warehouse.canonical()["doj:again"] == "doj:first"


def test_recent_records_are_those_a_pair_can_still_name():
    recent = RecentRecords()
    for day in range(40):
        recent.add(rec(f"doj:{day}", "", DAY + timedelta(days=day)))
    kept = {int(doc_id.split(":")[1]) for doc_id in recent.records}
    assert kept == set(range(39 - 14, 40))   # two weeks before the latest, the latest included
    recent.add(rec("doj:undated", "", None))
    recent.add(rec("doj:undated-2", "", None))
    assert set(recent.records) == {"doj:undated", "doj:undated-2"}   # undated come last, among themselves
