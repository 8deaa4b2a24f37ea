"""What the Commission spider is asked to list is passed in one spelling, so watermarks match."""

from pipelines.resources import SourcesResource


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
