"""The explorer page in Debian's chromium (Playwright, no browser download): opened from file://, with
filters applied and charts clicked; what it shows must equal the same question asked in SQL of the
published DuckDB copy, and it must make no network request."""

from pathlib import Path

import duckdb
import pytest

from pipelines.report import write_report
from pipelines.report.screenshot import CHROMIUM
from warehouse.publish import published_path

# The page's question in SQL: the events the filters let through (a date range leaves undated out).
FILTERED = """
    SELECT e.*, m.code || ' ' || m.name AS member_label, g.name AS goal_name
    FROM member_goal_documents AS e
    JOIN members AS m ON m.code = e.member_code
    JOIN goals AS g ON g.code = e.goal
    WHERE ($member IS NULL OR e.member_code = $member) AND ($goal IS NULL OR e.goal = $goal)
      AND ($role IS NULL OR e.role = $role) AND ($source IS NULL OR e.source = $source)
      AND ($mode IS NULL OR ($mode = 'action' AND e.action) OR ($mode = 'commitment' AND e.commitment))
      AND ($from IS NULL OR e.published >= CAST($from AS DATE))
      AND ($to IS NULL OR e.published <= CAST($to AS DATE))
"""
FILTERS = ("member", "goal", "mode", "role", "source", "from", "to")


@pytest.fixture(scope="module")
def explorer(shared_warehouse):
    """The explorer written from the published copy, as `alliance-tracker report` writes it."""
    copy = published_path(shared_warehouse)
    report = write_report(copy, shared_warehouse.parent / "explorer")
    return report.index, copy


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail("chromium is missing: `make .chromium` installs Debian's package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser, explorer):
    """The page opened once from the file system (each test sets every filter), every request and
    script error it makes recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)  # a loaded machine: waits end as soon as the page is ready
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(explorer[0].as_uri())
    page.wait_for_function("document.body.dataset.renderMs !== undefined")
    yield page
    assert page.errors == []
    page.close()


def ask(copy: Path, sql: str, **filters) -> list[tuple]:
    params = {name: filters.get(name) or None for name in FILTERS}
    with duckdb.connect(str(copy), read_only=True) as conn:
        return conn.execute(f"WITH filtered AS ({FILTERED}) {sql}", params).fetchall()


def apply(page, **filters) -> None:
    """Set every filter: those given to their value, the others to 'all'."""
    for name in FILTERS:
        element, value = page.locator(f"#f-{name}"), filters.get(name, "")
        if element.input_value() == value:
            continue
        page.evaluate("delete document.body.dataset.renderMs")
        if name in ("from", "to"):
            element.fill(value)
        else:
            element.select_option(value)
        page.wait_for_function("document.body.dataset.renderMs !== undefined")


def in_view(page, chart: str) -> None:
    """Scroll the chart into view and wait until it shows the current filters (a chart out of view
    when they changed is redrawn once it comes into view)."""
    page.evaluate(f"document.getElementById('{chart}').scrollIntoView({{block: 'center'}})")
    page.wait_for_function(f"!document.getElementById('{chart}').dataset.stale")


def activity_shown(page) -> dict[tuple[str, str], int]:
    in_view(page, "activity")
    return {(goal, quarter[:10]): count for goal, quarter, count in page.evaluate(
        """() => document.getElementById('activity').data.flatMap(
               (t) => t.x.map((x, n) => [t.name, x, t.y[n]])).filter((p) => p[2] > 0)""")}


def matrix_shown(page) -> dict[tuple[str, str], int]:
    in_view(page, "matrix")
    return {(member, goal): count for member, goal, count in page.evaluate(
        """() => { const t = document.getElementById('matrix').data[0];
                   return t.y.flatMap((y, r) => t.x.map((x, c) => [y, x, t.z[r][c]]))
                             .filter((p) => p[2] > 0); }""")}


def documents_listed(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#documents tbody tr')].map((row) => ({
        doc_id: row.dataset.docId, date: row.cells[0].textContent, source: row.cells[1].textContent,
        title: row.cells[2].textContent, url: row.cells[2].querySelector('a').getAttribute('href'),
        sentence: row.cells[3].textContent,
        member: [...row.cells[3].querySelectorAll('mark.member')].map((m) => m.textContent),
        goal: [...row.cells[3].querySelectorAll('mark.goal')].map((m) => m.textContent)}))""")


def click_at(page, chart: str, x, y) -> None:
    """A real mouse click where the chart draws data coordinates (x, y)."""
    in_view(page, chart)
    left, top = page.evaluate("""([chart, x, y]) => {
        const gd = document.getElementById(chart), box = gd.getBoundingClientRect(), L = gd._fullLayout;
        // a row named on a numeric axis (the timeline): its position is its label's index
        const row = L.yaxis.ticktext ? L.yaxis.ticktext.indexOf(y) : -1;
        return [box.left + L._size.l + L.xaxis.d2p(x),
                box.top + L._size.t + L.yaxis.d2p(row >= 0 ? row : y)]; }""",
                              [chart, x, y])
    under = page.evaluate("([x, y, chart]) => Boolean(document.elementFromPoint(x, y)?.closest('#' + chart))",
                          [left, top, chart])
    assert under, f"({x}, {y}) of {chart} is not on screen at ({left:.0f}, {top:.0f})"
    page.evaluate("document.querySelector('#documents tbody').replaceChildren()")  # no earlier list counts
    page.mouse.move(left - 3, top - 3)
    page.mouse.move(left, top)
    # plotly reads hovers at most every 50 ms; a click sooner after a move names the point hovered before
    page.wait_for_timeout(150)
    page.mouse.click(left, top)
    page.wait_for_selector("#documents tbody tr")


FILTER_CASES = [
    {},
    {"mode": "action", "source": "doj", "from": "2013-01-01", "to": "2014-06-30"},
    {"goal": "prosecution", "role": "partner"},
    {"member": "GB", "mode": "commitment"},
    {"source": "eu", "role": "signatory", "from": "2013-07-01"},
]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_charts_show_what_sql_counts_under_the_filters(page, explorer, filters):
    apply(page, **filters)
    activity = ask(explorer[1], "SELECT goal_name, CAST(date_trunc('quarter', published) AS DATE), "
                   "count(DISTINCT doc_id) FROM filtered WHERE published IS NOT NULL GROUP BY ALL", **filters)
    assert activity_shown(page) == {(goal, quarter.isoformat()): n for goal, quarter, n in activity}
    matrix = ask(explorer[1], "SELECT member_label, goal_name, count(DISTINCT doc_id) FROM filtered "
                 "GROUP BY ALL", **filters)
    assert matrix_shown(page) == {(member, goal): n for member, goal, n in matrix}
    assert matrix, "the case selects nothing: it would test nothing"


def expected_documents(copy: Path, where: str, **filters) -> list[dict]:
    rows = ask(copy, f"""SELECT doc_id, COALESCE(CAST(published AS VARCHAR), 'undated'), source, title, url,
                                arg_min(evidence_sentence, (member_code, goal, role)),
                                arg_min([member_start, member_end, goal_start, goal_end], (member_code, goal, role))
                         FROM filtered WHERE {where} GROUP BY doc_id, published, source, title, url
                         ORDER BY published NULLS LAST, doc_id""", **filters)
    listed = []
    for doc_id, day, source, title, url, sentence, (ms, me, gs, ge) in rows:
        listed.append({"doc_id": doc_id, "date": day, "source": source, "title": title, "url": url,
                       "sentence": sentence, "member": [sentence[ms:me]] if me else [],
                       "goal": [sentence[gs:ge]] if ge and (me is None or gs >= me) else []})
    return listed


def test_clicking_a_matrix_cell_lists_its_documents_with_the_evidence(page, explorer):
    filters = {"mode": "commitment"}
    apply(page, **filters)
    click_at(page, "matrix", "Prosecution", "US United States")
    expected = expected_documents(explorer[1], "member_code = 'US' AND goal = 'prosecution'", **filters)
    assert documents_listed(page) == expected
    assert expected and all(doc["member"] == ["US"] for doc in expected)
    assert page.locator("#documents-what").inner_text().endswith(f"{len(expected)} documents")


def test_clicking_a_timeline_point_lists_that_document(page, explorer):
    filters = {"member": "GB"}
    apply(page, **filters)
    ((doc_id, published),) = ask(explorer[1], "SELECT doc_id, published FROM filtered "
                                 "WHERE published IS NOT NULL ORDER BY published LIMIT 1", **filters)
    click_at(page, "timeline", published.isoformat(), "GB United Kingdom")
    assert documents_listed(page) == expected_documents(explorer[1], f"doc_id = '{doc_id}'", **filters)


def test_clicking_an_activity_point_lists_that_goal_and_quarter(page, explorer):
    filters = {"goal": "awareness", "source": "eu"}
    apply(page, **filters)
    ((quarter, n),) = ask(explorer[1], "SELECT CAST(date_trunc('quarter', published) AS DATE) AS q, "
                          "count(DISTINCT doc_id) FROM filtered WHERE published IS NOT NULL "
                          "GROUP BY q ORDER BY 2 DESC, q LIMIT 1", **filters)
    click_at(page, "activity", quarter.isoformat(), n)
    in_quarter = (f"published >= DATE '{quarter}' AND published < DATE '{quarter}' + INTERVAL 3 MONTH")
    assert documents_listed(page) == expected_documents(explorer[1], in_quarter, **filters)
    assert len(documents_listed(page)) == n


def test_clicking_a_coverage_bar_lists_that_weeks_documents(page, explorer):
    filters = {"source": "doj"}
    apply(page, **filters)
    ((week, fetched),) = ask(explorer[1], "SELECT week, fetched FROM coverage WHERE source = 'doj' "
                             "AND fetched > 0 ORDER BY week DESC LIMIT 1")
    click_at(page, "coverage", week.isoformat(), fetched / 2)
    in_week = f"date_trunc('week', published) = DATE '{week}'"
    expected = expected_documents(explorer[1], in_week, **filters)
    assert expected and documents_listed(page) == expected


def test_a_chart_out_of_view_when_filtered_is_redrawn_once_it_comes_into_view(page, explorer):
    apply(page)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("!document.getElementById('activity').dataset.stale")
    apply(page, goal="victims", mode="action")
    stale = page.evaluate("""() => ['activity', 'timeline'].map(
        (id) => Boolean(document.getElementById(id).dataset.stale))""")
    assert stale == [False, True], "in view: redrawn at once; out of view: left for later"
    in_view(page, "timeline")
    shown = page.evaluate("""() => new Set(document.getElementById('timeline').data.slice(0, 2)
        .flatMap((t) => t.customdata.map((c) => c.join(' ')))).size""")
    expected = ask(explorer[1], "SELECT count(DISTINCT (member_code, doc_id)) FROM filtered "
                   "WHERE published IS NOT NULL", goal="victims", mode="action")
    assert shown == expected[0][0] > 0


def test_the_page_makes_no_network_request(page, explorer):
    """Run last: by then the page has been filtered and clicked by every test above."""
    apply(page, goal="victims", source="doj")
    click_at(page, "matrix", "Victims", "US United States")
    assert page.requests, "the page loaded nothing?"
    assert all(url.startswith(("file://", "data:")) for url in page.requests), page.requests
    assert page.evaluate("typeof Plotly") == "object"
