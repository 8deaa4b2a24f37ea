"""The tagging figure tags the pipeline's own extracted texts, the relevant ones counted apart."""

import duckdb
import pytest

from bench.corpus import CorpusSpec, split_by_source, write_crawl_file
from bench.tagging import tagging_speed
from pipelines.processing import extract_pending, tag_one
from warehouse.raw import load_crawl_file
from warehouse.schema import migrate
from warehouse.tags import pending_tagging


@pytest.fixture(scope="module")
def extracted_warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("tagging") / "w.duckdb"
    corpus = write_crawl_file(CorpusSpec(40, relevant_share=0.5), path.parent / "corpus.jsonl")
    with duckdb.connect(str(path)) as conn:
        migrate(conn)
        for source, crawl_file in split_by_source(corpus.path).items():
            load_crawl_file(conn, crawl_file, source=source)
        extract_pending(conn, workers=1)
    return path


def test_every_extracted_document_is_tagged_and_the_relevant_counted(extracted_warehouse):
    speed = tagging_speed(extracted_warehouse, limit=1000)
    with duckdb.connect(str(extracted_warehouse), read_only=True) as conn:
        docs = [doc for batch in pending_tagging(conn, "none") for doc in batch]
    results = [tag_one(doc) for doc in docs]
    assert speed.documents == len(docs) == 40
    assert speed.relevant == sum(r.relevant for r in results) > 0
    assert speed.events == sum(len(r.events) for r in results if r.relevant) > 0
    assert 0 < speed.relevant_seconds <= speed.seconds


def test_the_limit_caps_the_sample_and_an_empty_warehouse_is_refused(extracted_warehouse, tmp_path):
    assert tagging_speed(extracted_warehouse, limit=7).documents == 7
    empty = tmp_path / "empty.duckdb"
    with duckdb.connect(str(empty)) as conn:
        migrate(conn)
    with pytest.raises(ValueError, match="no extracted documents"):
        tagging_speed(empty, limit=10)
