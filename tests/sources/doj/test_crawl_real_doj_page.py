"""The doj spider on a replay of a REAL News API response (shared/realdata), served by
pytest-httpserver: 100 releases, each with its US Eastern publication date."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from werkzeug.wrappers import Request, Response

REAL_PAGE = (Path(__file__).resolve().parents[3] / ".." / "shared" / "realdata"
             / "DOJ_Press_Release_ETL" / "doj_api_v1_press_releases_page0_pagesize100.json")
# Some real bodies state their date, e.g. "Wednesday, May 21, 2014": an oracle independent
# of the API's `date` field.
STATED_DATE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+([A-Z][a-z]+ \d{1,2}, \d{4})")


@pytest.fixture
def real_page() -> dict:
    if not REAL_PAGE.exists():
        pytest.skip(f"the real DOJ API page is not available at {REAL_PAGE.resolve()}")
    return json.loads(REAL_PAGE.read_text(encoding="utf-8"))


def test_doj_spider_reads_a_real_api_page(httpserver, real_page, tmp_path, run_crawl):
    def listing(request: Request) -> Response:
        page = int(request.args.get("page", "0"))
        if page == 0:
            body = real_page
        else:  # the replay holds one page; past it the listing is empty
            body = {"metadata": {**real_page["metadata"], "resultset": {
                **real_page["metadata"]["resultset"], "page": page}}, "results": []}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
    httpserver.expect_request("/api/v1/press_releases.json").respond_with_handler(listing)

    _, items = run_crawl("doj", tmp_path / "real.jsonl", "-s",
                         f"DOJ_BASE_URL={httpserver.url_for('/').rstrip('/')}")

    results = real_page["results"]
    assert len(items) == len(results) == 100
    by_id = {item["source_id"]: item for item in items}
    assert set(by_id) == {record["uuid"] for record in results}
    eastern = ZoneInfo("America/New_York")
    stated = 0
    for record in results:
        item = by_id[record["uuid"]]
        day = datetime.fromtimestamp(int(record["date"]), eastern).date()
        assert item["published"] == day.isoformat(), record["url"]
        found = STATED_DATE.search(record["body"])
        if found:
            stated += 1
            assert item["published"] == datetime.strptime(found.group(1), "%B %d, %Y").date(
            ).isoformat()
        assert item["url"] == record["url"]
        assert item["html"] == record["body"]
        assert "\n" not in item["title"] and item["title"]
    assert stated >= 5
