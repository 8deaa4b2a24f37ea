"""The replica's faults over real HTTP (urllib against a ReplicaServer on 127.0.0.1)."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import urllib.error
import urllib.request
from email.utils import parsedate_to_datetime

import pytest

from replica import ReplicaServer
from replica.faults import (
    FAULTS,
    BadJson,
    ChangedRelease,
    Cp1252Body,
    PaginationLoop,
    RateLimited,
    RepeatedItem,
    ServerError,
    SlowReply,
    TooLarge,
    Truncated,
    faults_by_name,
    nth_listing_page,
)

LISTING = "/api/v1/press_releases.json?pagesize=50&sort=date&direction=DESC&page="


def get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def first_document(replica: ReplicaServer) -> str:
    reference = replica.catalogue["eu"].documents[0].reference
    return f"{replica.source_url('eu')}/api/documents?reference={reference}&language=en"


def test_rate_limit_answers_429_with_retry_after_then_behaves():
    fault = RateLimited(retry_after=3)
    with ReplicaServer(faults=fault) as replica:
        assert get(replica.base_url + "/robots.txt")[0] == 200  # robots.txt is never a target
        status, headers, _ = get(replica.base_url + LISTING + "0")
        assert (status, headers["Retry-After"]) == (429, "3")
        assert get(replica.base_url + LISTING + "0")[0] == 200
    assert [request.param("page") for request in fault.hits] == ["0"]


def test_retry_after_as_an_http_date():
    fault = RateLimited(retry_after=30, status=503, as_http_date=True)
    with ReplicaServer(faults=fault) as replica:
        status, headers, _ = get(replica.base_url + LISTING + "0")
    assert status == 503
    # Against the reply's own Date header, not the test's clock: the two are in whole seconds.
    wait = parsedate_to_datetime(headers["Retry-After"]) - parsedate_to_datetime(headers["Date"])
    assert 29 <= wait.total_seconds() <= 31


def test_server_error_hits_documents_only_as_often_as_asked():
    fault = ServerError(times=2)
    with ReplicaServer(faults=fault) as replica:
        assert get(replica.base_url + LISTING + "0")[0] == 200
        statuses = [get(first_document(replica))[0] for _ in range(3)]
    assert statuses == [500, 500, 200]


def test_slow_reply_outlasts_a_shorter_client_timeout_once():
    fault = SlowReply(delay=1.0)
    with ReplicaServer(faults=fault) as replica:
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            get(replica.base_url + LISTING + "0", timeout=0.3)
        assert get(replica.base_url + LISTING + "0")[0] == 200
    assert len(fault.hits) == 1  # the one slow reply is spent; the second request was answered as usual


def test_bad_json_only_on_the_chosen_page():
    fault = BadJson(where=nth_listing_page(1), times=None)
    with ReplicaServer(faults=fault) as replica:
        json.loads(get(replica.base_url + LISTING + "0")[2])
        for _ in range(2):
            status, headers, body = get(replica.base_url + LISTING + "1")
            assert status == 200 and headers["Content-Type"].startswith("application/json")
            with pytest.raises(json.JSONDecodeError):
                json.loads(body)
    assert len(fault.hits) == 2


def test_truncated_body_is_shorter_than_announced():
    with (ReplicaServer(faults=Truncated()) as replica,
          urllib.request.urlopen(first_document(replica), timeout=10) as response,
          pytest.raises(http.client.IncompleteRead)):
        response.read()


def test_cp1252_body_has_no_charset_and_reads_back_the_same():
    with ReplicaServer() as plain:
        expected = json.loads(get(first_document(plain))[2])
    fault = Cp1252Body()
    with ReplicaServer(faults=fault) as replica:
        status, headers, body = get(first_document(replica))
    assert status == 200 and headers["Content-Type"] == "application/json"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert json.loads(body.decode("cp1252")) == expected


def test_cp1252_page_loses_its_meta_charset():
    release = next(r for r in ReplicaServer().catalogue["doj"].releases if not r.page_body.isascii())
    with ReplicaServer(faults=Cp1252Body()) as replica:
        status, headers, body = get(replica.base_url + release.path)
    assert status == 200 and headers["Content-Type"] == "text/html"
    assert b"charset" not in body.lower() and not body.isascii()


def test_too_large_announces_fifty_megabytes():
    with ReplicaServer(faults=TooLarge()) as replica:
        connection = http.client.HTTPConnection("127.0.0.1", replica.port, timeout=10)
        connection.request("GET", first_document(replica).removeprefix(replica.base_url))
        response = connection.getresponse()
        assert int(response.headers["Content-Length"]) == 50 * 1024 * 1024
        connection.close()


def test_duplicate_carries_an_item_to_the_next_page():
    fault = RepeatedItem()
    with ReplicaServer(faults=fault) as replica:
        page0 = json.loads(get(replica.base_url + LISTING + "0")[2])["results"]
        page1 = json.loads(get(replica.base_url + LISTING + "1")[2])["results"]
    assert page1[0] == page0[0] and len(page1) == 51
    assert len(fault.hits) == 1


def test_loop_serves_the_first_page_again_past_the_end():
    fault = PaginationLoop()
    with ReplicaServer(faults=fault) as replica:
        real = len(replica.catalogue["doj"].releases)
        pages = [json.loads(get(replica.base_url + LISTING + str(n))[2]) for n in range(5)]
    last_real = (real - 1) // 50
    assert all(page["metadata"]["resultset"]["count"] > real for page in pages)
    assert pages[last_real + 1]["results"] == pages[0]["results"]
    assert len(fault.hits) == len(pages) - last_real - 1


def test_changed_release_moves_to_the_top_of_the_changed_listing():
    fault = ChangedRelease()
    with ReplicaServer(faults=fault) as replica:
        first = json.loads(get(replica.base_url + LISTING.replace("sort=date", "sort=changed")
                               + "0")[2])["results"][0]
        _, headers, body = get(f"{replica.base_url}/api/v1/press_releases/{fault.uuid}.json")
        item = json.loads(body)
    assert first["uuid"] == fault.uuid and first["body"] == fault.new_body == item["body"]
    served = parsedate_to_datetime(headers["Date"]).timestamp()  # the replica's clock, not the test's
    assert abs(int(first["changed"]) - served) < 60


def test_faults_by_name_knows_every_fault_and_refuses_others():
    chosen = faults_by_name("rate_limit, loop")
    assert [fault.name for fault in chosen.faults] == ["rate_limit", "loop"]
    assert {FAULTS[name]().name for name in FAULTS} == set(FAULTS)
    with pytest.raises(ValueError, match="unknown fault 'slow'.*known: bad_json"):
        faults_by_name("timeout,slow")


def test_cli_serves_the_named_faults():
    process = subprocess.Popen([sys.executable, "-m", "replica", "--port", "0",
                                "--faults", "rate_limit"], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line.endswith(", faults: rate_limit)")
        base_url = line.split()[2]
        assert get(base_url + LISTING + "0")[0] == 429
        assert get(base_url + LISTING + "0")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_refuses_an_unknown_fault_in_one_line():
    result = subprocess.run([sys.executable, "-m", "replica", "--port", "0",
                             "--faults", "gremlins"], capture_output=True, text=True, timeout=30,
                            check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"replica: --faults: unknown fault 'gremlins' (known: {', '.join(sorted(FAULTS))})")
