"""What the Commission spider is asked to list is passed in one spelling, so watermarks match."""

import pytest

from pipelines.resources import SourcesResource
from spiders.registry import SOURCES


def test_scope_is_spelled_one_way():
    sources = SourcesResource(source_settings={
        "PRESSCORNER_QUERIES": " WePROTECT ;;Global Alliance; WePROTECT",
        "PRESSCORNER_TYPES": "memo, ip,IP"})
    assert sources.spider_scope("eu") == {"queries": "WePROTECT;Global Alliance", "types": "IP,MEMO"}
    assert sources.spider_scope("doj") == {}


def test_environment_gives_the_scope_when_the_resource_does_not(monkeypatch):
    monkeypatch.setenv("PRESSCORNER_QUERIES", "child sexual abuse")
    monkeypatch.delenv("PRESSCORNER_TYPES", raising=False)
    assert SourcesResource().spider_scope("eu") == {"queries": "child sexual abuse"}
    monkeypatch.delenv("PRESSCORNER_QUERIES")
    assert SourcesResource().spider_scope("eu") == {}


def test_base_urls_are_given_then_environment_then_the_registry(monkeypatch):
    from pipelines.source_settings import read_source_settings, replica_base_urls

    for entry in SOURCES:
        monkeypatch.delenv(entry.base_url_setting, raising=False)
    # Every registry source has its base URL; the Press Corner's and the DOJ's spelled out.
    live = {entry.base_url_setting: entry.live_base_url for entry in SOURCES}
    on_replica = {entry.base_url_setting: "http://127.0.0.1:8765" + entry.live_path
                  for entry in SOURCES}
    monkeypatch.setenv("PRESSCORNER_BASE_URL", "http://127.0.0.1:9/commission/presscorner")
    read = read_source_settings({"DOJ_BASE_URL": "http://127.0.0.1:8/"})
    assert read.base_urls == {**live, "DOJ_BASE_URL": "http://127.0.0.1:8/",
                              "PRESSCORNER_BASE_URL": "http://127.0.0.1:9/commission/presscorner"}
    monkeypatch.delenv("PRESSCORNER_BASE_URL")
    assert read_source_settings().base_urls == {
        **live,
        "DOJ_BASE_URL": "https://www.justice.gov",
        "PRESSCORNER_BASE_URL": "https://ec.europa.eu/commission/presscorner"}
    assert replica_base_urls("http://127.0.0.1:8765/") == {
        **on_replica,
        "DOJ_BASE_URL": "http://127.0.0.1:8765",
        "PRESSCORNER_BASE_URL": "http://127.0.0.1:8765/commission/presscorner"}


def test_the_resource_gives_every_crawl_the_base_urls_and_refuses_unknown_sources(monkeypatch):
    monkeypatch.delenv("DOJ_BASE_URL", raising=False)
    sources = SourcesResource(source_settings={"DOJ_BASE_URL": "http://x"},
                              extra_settings={"DOWNLOAD_DELAY": "0"})
    assert sources.resolved()["DOJ_BASE_URL"] == "http://x"
    assert sources.resolved()["DOWNLOAD_DELAY"] == "0"
    assert SourcesResource(spiders="eu").selected_spiders() == ("eu",)
    with pytest.raises(ValueError, match="unknown source"):
        SourcesResource(spiders="nope").selected_spiders()
