"""Every source in the registry, end to end: its real spider crawls its replica over HTTP, its
parsers make of its golden files what they must, and the loader stores what the crawl found. Then
the registry file itself: strict, so a typo never silently drops a source."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import duckdb
import pytest

from pipelines.crawling import CrawlRequest, run_crawls
from replica.server import ReplicaServer
from spiders.registry import NAMES, SOURCES, RegistryError, Source, load_registry, source
from warehouse.crawl_records import crawl_outcome
from warehouse.raw import load_crawl_file
from warehouse.schema import migrate

# Politeness protects real servers; against the local replica it only slows the suite down.
POLITENESS_OFF = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                  "ALLIANCE_RETRY_BACKOFF": "0.1"}


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> dict[str, tuple]:
    """Every registry source crawled from one replica over its whole publication span, with its
    default scope: {name: (CrawlOutput, crawl record, number of documents the replica serves)}."""
    root = tmp_path_factory.mktemp("crawls")
    with ReplicaServer() as replica:
        days = {entry.name: replica.catalogue[entry.name].days() for entry in SOURCES}
        results = run_crawls(
            [CrawlRequest(entry.name, {**POLITENESS_OFF, **replica.base_urls,
                                       "ALLIANCE_STATS_FILE": str(root / f"{entry.name}.stats.json")},
                          {"since": min(days[entry.name]).isoformat(),
                           "until": max(days[entry.name]).isoformat()})
             for entry in SOURCES], root)
    assert results.failed == {}
    return {output.spider: (output, json.loads((root / f"{output.spider}.stats.json").read_text(encoding="utf-8")),
                            len(days[output.spider]))
            for output in results.finished}


@pytest.mark.parametrize("name", NAMES)
def test_the_spider_crawls_its_replica_completely(crawls, name):
    output, record, served = crawls[name]
    items = [json.loads(line) for line in output.items_file.read_text(encoding="utf-8").splitlines()]
    # Everything in the default scope, once: the replica may also serve what the scope leaves out.
    assert 0 < len(items) == output.items <= served
    assert len({item["source_id"] for item in items}) == len(items)
    assert {item["source"] for item in items} == {name}
    live = source(name).live_base_url.split("/")[2]  # items carry the public URL, never the replica's
    assert all(item["url"].split("/")[2].endswith(live.removeprefix("www.")) for item in items)
    assert crawl_outcome(record) == "complete", record  # delivered all its listings announced
    assert not record.get("errors_by_kind"), record


@pytest.mark.parametrize("name", NAMES)
def test_the_parsers_make_the_golden_items(name):
    cases = importlib.import_module(f"spiders.{name}.golden").golden_cases()
    assert cases, f"spiders/{name}/golden/ holds no case"
    for case in cases:
        assert case.expected is not None, f"{name}/{case.name}: no expectation stored"
        assert case.actual == case.expected, f"{name}/{case.name}"


@pytest.mark.parametrize("name", NAMES)
def test_the_loader_stores_what_the_crawl_found(crawls, tmp_path, name):
    output, record, _ = crawls[name]
    conn = duckdb.connect(str(tmp_path / "alliance.duckdb"))
    try:
        migrate(conn)
        loaded = load_crawl_file(conn, output.items_file, name, record)
        stored = conn.execute("SELECT count(DISTINCT source_id) FROM raw_documents WHERE source = ?",
                              [name]).fetchone()[0]
    finally:
        conn.close()
    assert loaded.rejected == 0 and loaded.items == output.items
    assert stored == output.items


GOOD = """
[[source]]
name = "alpha"
title = "Alpha press office"
issuer = "GB"
base_url_setting = "ALPHA_BASE_URL"
live_base_url = "https://www.alpha.example"
changed_listing = false
[source.scope]
"""


def registry_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "registry.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_registry_reads_in_file_order(tmp_path):
    second = GOOD.replace('"alpha"', '"beta"').replace("ALPHA_", "BETA_")
    sources = load_registry(registry_file(tmp_path, GOOD + second))
    assert [entry.name for entry in sources] == ["alpha", "beta"]
    assert sources[0] == Source("alpha", "Alpha press office", "GB", "ALPHA_BASE_URL",
                                "https://www.alpha.example", False, {})


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("changed_listing = false", "changed_listing = false\nlisting = true"),
     r"source 1 \(alpha\)|source 1: unknown field\(s\) listing"),
    (GOOD.replace('issuer = "GB"\n', ""), r"source 1: missing field\(s\) issuer"),
    (GOOD + GOOD, r"source 2: field 'name': 'alpha' is already the name of an earlier source"),
    (GOOD.replace("changed_listing = false", 'changed_listing = "no"'),
     r"field 'changed_listing': expected bool"),
    (GOOD.replace('"ALPHA_BASE_URL"', '"ALPHA_URL"'), r"field 'base_url_setting'"),
    (GOOD.replace('"https://www.alpha.example"', '"http://www.alpha.example"'), r"field 'live_base_url'"),
    (GOOD.replace('issuer = "GB"', 'issuer = "Britain"'), r"field 'issuer'"),
    ("", r"no \[\[source\]\] entries"),
    (GOOD + "[other]\n", r"unknown table"),
    (GOOD + "[source.citation]\nreference_from = \"number\"\n",
     r"field 'citation.reference_from': expected source_id or api_number"),
    (GOOD + "[source.citation]\nlabels = \"x\"\n", r"field 'citation': unknown field\(s\) labels"),
])
def test_a_bad_registry_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(RegistryError, match=message):
        load_registry(registry_file(tmp_path, text))


def test_a_citation_table_says_where_the_reference_number_is(tmp_path):
    text = GOOD + '[source.citation]\nreference_from = "api_number"\nlabel = "Press release"\n'
    [entry] = load_registry(registry_file(tmp_path, text))
    assert (entry.citation_reference_from, entry.citation_label) == ("api_number", "Press release")
    [plain] = load_registry(registry_file(tmp_path, GOOD))
    assert (plain.citation_reference_from, plain.citation_label) == ("source_id", "")


def test_an_unknown_source_name_is_a_clear_error():
    with pytest.raises(RegistryError, match=r"unknown source 'nope'; .* lists: " + ", ".join(NAMES)):
        source("nope")


def test_every_registry_source_has_its_folder():
    folder = Path(__file__).resolve().parents[2] / "spiders"
    for entry in SOURCES:
        modules = {path.name for path in (folder / entry.name).glob("*.py")}
        assert {"spider.py", "parsing.py", "archived.py", "replica.py", "golden.py"} <= modules
        assert (folder / entry.name / "snapshot" / "README.md").is_file()
        assert (folder / entry.name / "README.md").is_file()
        spider = importlib.import_module(f"spiders.{entry.name}.spider")
        assert any(getattr(value, "name", None) == entry.name for value in vars(spider).values()
                   if isinstance(value, type))
