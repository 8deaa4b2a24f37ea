"""The replica server over real HTTP: every source's 404s, one robots.txt, faults and the request log
(each source's own routes: tests/sources/<name>/test_<name>_replica_routes.py)."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
import urllib.robotparser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from replica_http import fetch, fetch_json

from replica import ReplicaServer
from replica.catalogue import load_catalogue
from replica.reply import Reply, Request

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "snapshot"
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def replica():
    with ReplicaServer(snapshot_dir=FIXTURES) as server:
        yield server


def test_unknown_paths_are_404(replica):
    assert fetch(replica.source_url("doj") + "/opa/pr/no-such-release")[0] == 404
    assert fetch_json(replica.source_url("doj") + "/api/v1/other.json")[0] == 404
    assert fetch_json(replica.source_url("eu") + "/api/latestnews")[0] == 404


def test_robots_txt_lets_crawlers_reach_both_apis(replica):
    parser = urllib.robotparser.RobotFileParser(replica.base_url + "/robots.txt")
    parser.read()
    agent = "alliance-tracker"
    assert parser.can_fetch(agent, replica.source_url("doj") + "/api/v1/press_releases.json?page=0")
    assert parser.can_fetch(agent, replica.source_url("eu") + "/api/search?language=en")
    assert parser.can_fetch(agent, replica.source_url("doj") + replica.catalogue["doj"].releases[0].path)
    assert not parser.can_fetch(agent, replica.base_url + "/admin/config")


class RateLimitFirst:
    """Answers the first request with 429 and Retry-After, then behaves."""

    def intercept(self, request: Request, reply: Reply) -> Reply:
        if request.number == 1:
            return Reply(429, b'{"message": "slow down"}', headers={"Retry-After": "2"})
        return reply


class TruncateBodies:
    def intercept(self, request: Request, reply: Reply) -> Reply:
        reply.declared_length = len(reply.body) + 100
        return reply


def test_faults_rewrite_replies_and_requests_are_logged():
    catalogue = load_catalogue(FIXTURES, generated=False)
    with ReplicaServer(catalogue=catalogue, faults=RateLimitFirst()) as replica:
        url = replica.base_url + "/robots.txt"
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(url, timeout=10)
        assert raised.value.code == 429 and raised.value.headers["Retry-After"] == "2"
        assert fetch(url)[0] == 200
        assert [(r.number, r.path) for r in replica.requests] == [(1, "/robots.txt"),
                                                                   (2, "/robots.txt")]


def test_a_declared_length_longer_than_the_body_truncates_the_response():
    catalogue = load_catalogue(FIXTURES, generated=False)
    with (
        ReplicaServer(catalogue=catalogue, faults=TruncateBodies()) as replica,
        pytest.raises(http.client.IncompleteRead),
        urllib.request.urlopen(replica.base_url + "/robots.txt", timeout=10) as response,
    ):
        response.read()
