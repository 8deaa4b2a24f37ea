"""The benchmark corpus: deterministic, shaped like the spiders' items, loadable as a crawl."""

import dataclasses
import json
from datetime import date

import duckdb
import pytest

from bench.corpus import (
    CorpusSpec,
    corpus_item,
    document,
    late_doj_releases,
    replica_catalogue,
    split_by_source,
    write_crawl_file,
)
from pipelines.extraction import extract_text
from spiders.items import DocumentItem
from warehouse.raw import load_crawl_file
from warehouse.schema import migrate


def test_same_spec_same_bytes_and_another_seed_other_documents(tmp_path):
    first = write_crawl_file(CorpusSpec(40), tmp_path / "a.jsonl")
    second = write_crawl_file(CorpusSpec(40), tmp_path / "b.jsonl")
    other = write_crawl_file(CorpusSpec(40, seed=1), tmp_path / "c.jsonl")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.path.read_bytes() != other.path.read_bytes()


def test_any_document_can_be_made_alone_and_matches_its_line(tmp_path):
    spec = CorpusSpec(25)
    lines = write_crawl_file(spec, tmp_path / "corpus.jsonl").path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[17]) == json.loads(json.dumps(corpus_item(spec, 17)))


def test_items_carry_exactly_the_spider_item_fields():
    expected = {field.name for field in dataclasses.fields(DocumentItem)}
    for index in range(30):
        assert set(corpus_item(CorpusSpec(30), index)) == expected


def test_mix_of_sources_relevance_and_undated_documents(tmp_path):
    spec = CorpusSpec(600)
    items = [corpus_item(spec, i) for i in range(spec.docs)]
    sources = {item["source"] for item in items}
    eu_share = sum(item["source"] == "eu" for item in items) / spec.docs
    summary = write_crawl_file(spec, tmp_path / "c.jsonl")
    assert sources == {"doj", "eu"}
    assert 0.15 < eu_share < 0.35
    assert 0.02 < summary.relevant / spec.docs < 0.10
    assert any(item["published"] is None for item in items)
    assert len({item["source_id"] for item in items}) == spec.docs


def test_doj_pages_weigh_like_justice_gov_and_their_text_survives_extraction():
    spec = CorpusSpec(60)
    doj = [i for i in range(spec.docs) if document(spec, i).source == "doj"]
    sizes = [len(corpus_item(spec, i)["html"].encode()) for i in doj]
    assert 60_000 < sum(sizes) / len(sizes) < 110_000
    page = corpus_item(spec, doj[0])
    text = extract_text(page["html"], page["url"])
    assert all(paragraph[:60] in text for paragraph in document(spec, doj[0]).paragraphs)
    assert "Skip to main content" not in text and "Vulnerability Disclosure" not in text


def test_the_project_loader_takes_the_corpus_whole(tmp_path):
    corpus = write_crawl_file(CorpusSpec(20), tmp_path / "corpus.jsonl")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        migrate(conn)
        loaded = [load_crawl_file(conn, path, source=source)
                  for source, path in split_by_source(corpus.path).items()]
    assert sum(load.new_versions for load in loaded) == 20 and sum(load.rejected for load in loaded) == 0
    assert len(loaded) == 2   # the corpus holds both sources


def test_replica_catalogue_serves_the_same_documents_with_some_only_on_their_page():
    spec = CorpusSpec(200)
    catalogue = replica_catalogue(spec, page_only_share=0.5)
    assert len(catalogue["doj"].releases) + len(catalogue["eu"].documents) == spec.docs
    page_only = [release for release in catalogue["doj"].releases if release.api["body"] == ""]
    assert 0 < len(page_only) < len(catalogue["doj"].releases)


def test_late_releases_start_on_the_day_asked_one_a_day():
    releases = late_doj_releases(CorpusSpec(3), date(2017, 1, 9))
    assert [r.day for r in releases] == [date(2017, 1, 9), date(2017, 1, 10), date(2017, 1, 11)]


@pytest.mark.parametrize("bad", [{"docs": -1}, {"docs": 5, "eu_share": 1.5}, {"docs": 5, "relevant_share": -0.1}])
def test_bad_specs_are_refused_naming_the_setting(bad):
    with pytest.raises(ValueError, match="docs|eu_share|relevant_share"):
        CorpusSpec(**bad)


def test_a_document_outside_the_corpus_is_refused():
    with pytest.raises(IndexError, match="outside a corpus of 3"):
        corpus_item(CorpusSpec(3), 3)
