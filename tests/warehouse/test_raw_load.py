"""Loading crawl output into raw_documents: versions, duplicates, rejects, idempotence."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse import raw
from warehouse.raw import CrawlFileChanged, load_crawl_file
from warehouse.schema import migrate


def item(source_id="u-1", html="<p>First text.</p>", source="doj", **extra):
    return {"source": source, "source_id": source_id, "url": f"https://www.justice.gov/opa/pr/{source_id}",
            "fetch_url": None, "title": f"Title {source_id}", "published": "2013-05-16", "language": "en",
            "languages": ["en"], "html": html, "fetched_at": "2026-11-28T10:00:00+00:00",
            "api": {"uuid": source_id}, **extra}


def write_lines(path, lines):
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


@pytest.fixture
def conn(tmp_path, new_warehouse):
    connection = new_warehouse(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def load_doj_file(conn, path):
    return load_crawl_file(conn, path, source="doj")


def stored(conn):
    return conn.execute("SELECT doc_id, version, title FROM raw_documents ORDER BY doc_id, version").fetchall()


def test_new_documents_are_stored_once_even_when_listed_twice(conn, tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [item("u-1"), item("u-2"), item("u-1")])
    result = load_doj_file(conn, path)
    assert (result.items, result.new_versions, result.rejected) == (3, 2, 0)
    assert [row[:2] for row in stored(conn)] == [("doj:u-1", 1), ("doj:u-2", 1)]


def test_unchanged_recrawl_adds_nothing_and_changed_document_gets_new_version(conn, tmp_path):
    load_doj_file(conn, write_lines(tmp_path / "a.jsonl", [item("u-1"), item("u-2")]))
    second = load_doj_file(conn, write_lines(tmp_path / "b.jsonl", [item("u-1"), item("u-2", html="<p>Corrected.</p>")]))
    assert second.new_versions == 1
    rows = conn.execute("SELECT doc_id, version, html FROM raw_documents ORDER BY doc_id, version").fetchall()
    assert rows == [("doj:u-1", 1, "<p>First text.</p>"), ("doj:u-2", 1, "<p>First text.</p>"),
                    ("doj:u-2", 2, "<p>Corrected.</p>")]


def test_same_file_is_loaded_only_once(conn, tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [item("u-1")])
    load_doj_file(conn, path)
    again = load_doj_file(conn, path)
    assert again.already_loaded and len(stored(conn)) == 1


def test_bad_lines_are_counted_and_good_ones_kept(conn, tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [item("u-1"), "{not json", {"source": "doj", "title": "no id"},
                                               item("u-2")])
    result = load_doj_file(conn, path)
    assert result.rejected == 2 and result.new_versions == 2
    assert {row[0] for row in stored(conn)} == {"doj:u-1", "doj:u-2"}
    assert conn.execute("SELECT rejected FROM crawl_files").fetchone()[0] == 2


def test_an_item_of_another_source_is_rejected_with_its_reason_and_the_rest_load(conn, tmp_path, caplog):
    path = write_lines(tmp_path / "eu.jsonl", [item("IP/12/1308", source="eu"), item("u-1"),
                                               item("MEMO/12/1", source="eu")])
    with caplog.at_level("WARNING", logger="warehouse.raw"):
        result = load_crawl_file(conn, path, source="eu")
    assert (result.items, result.new_versions, result.rejected) == (3, 2, 1)
    assert result.rejections == ("line 2: source 'doj', not 'eu' (the source this file is loaded for)",)
    assert [row[0] for row in stored(conn)] == ["eu:IP/12/1308", "eu:MEMO/12/1"]
    assert conn.execute("SELECT source, rejected FROM crawl_files").fetchall() == [("eu", 1)]
    assert any("line 2: source 'doj'" in message for message in caplog.messages)


def test_a_spider_loads_its_own_source_and_no_source_at_all_is_refused(conn, tmp_path):
    path = write_lines(tmp_path / "doj.jsonl", [item("u-1"), item("IP/12/1308", source="eu")])
    assert load_crawl_file(conn, path, "doj").rejected == 1
    with pytest.raises(TypeError, match="name the source"):
        load_crawl_file(conn, write_lines(tmp_path / "other.jsonl", [item("u-2")]))


def test_undecodable_line_is_rejected_and_earlier_data_kept(conn, tmp_path):
    load_doj_file(conn, write_lines(tmp_path / "a.jsonl", [item("u-1")]))
    broken = tmp_path / "b.jsonl"
    broken.write_bytes(json.dumps(item("u-2")).encode() + b"\n"
                       + b'{"source": "doj", "source_id": "u-9", "html": "\xff\xfe"}\n')
    result = load_doj_file(conn, broken)
    assert (result.items, result.new_versions, result.rejected) == (2, 1, 1)
    assert [row[0] for row in stored(conn)] == ["doj:u-1", "doj:u-2"]


def test_each_rejected_line_is_named_with_its_reason(conn, tmp_path, caplog):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"".join([
        json.dumps(item("u-1")).encode() + b"\n",
        b"{not json\n",
        b"\n",                                                   # blank: not an item, not a rejection
        json.dumps({"source": "doj", "title": "no id"}).encode() + b"\n",
        json.dumps(item("u-3", source="fbi")).encode() + b"\n",
        b'["a", "list"]\n',
        b'{"source": "doj", "source_id": "u-9", "html": "\xff"}\n',
        json.dumps(item("u-2")).encode() + b"\n",
    ]))
    with caplog.at_level("WARNING", logger="warehouse.raw"):
        result = load_doj_file(conn, path)
    assert (result.items, result.new_versions, result.rejected) == (7, 2, 5)
    lines = [reason.split(":")[0] for reason in result.rejections]
    assert lines == ["line 2", "line 4", "line 5", "line 6", "line 7"]
    assert "not JSON" in result.rejections[0] and "no source_id" in result.rejections[1]
    assert "'fbi'" in result.rejections[2] and "not a JSON object" in result.rejections[3]
    assert "not UTF-8" in result.rejections[4]
    assert all(str(path) in message and "line" in message for message in caplog.messages)


def test_clean_file_names_no_rejection(conn, tmp_path):
    result = load_doj_file(conn, write_lines(tmp_path / "a.jsonl", [item("u-1"), item("u-2")]))
    assert result.rejected == 0 and result.rejections == ()


def test_versions_within_one_large_file_follow_line_order(conn, tmp_path):
    # Enough lines for the reader to work in several chunks: the pages read back must be the ones
    # whose keys were staged, line for line.
    filler = [item(f"f-{i}", html=f"<p>{'Filler paragraph. ' * 1000}{i}</p>") for i in range(3000)]
    lines = [item("u-1", html="<p>First.</p>"), *filler[:1500], item("u-1", html="<p>Second.</p>"),
             *filler[1500:], item("u-1", html="<p>Third.</p>"), item("u-1", html="<p>Second.</p>")]
    result = load_doj_file(conn, write_lines(tmp_path / "a.jsonl", lines))
    assert result.new_versions == 3 + 3000
    rows = conn.execute("SELECT version, html FROM raw_documents WHERE doc_id = 'doj:u-1' ORDER BY version").fetchall()
    assert rows == [(1, "<p>First.</p>"), (2, "<p>Second.</p>"), (3, "<p>Third.</p>")]
    mismatched = conn.execute("SELECT count(*) FROM raw_documents WHERE doc_id LIKE 'doj:f-%' "
                              "AND NOT ends_with(html, split_part(doc_id, '-', 2) || '</p>')").fetchone()[0]
    assert mismatched == 0


def test_line_python_reads_but_the_loader_refuses_is_named(conn, tmp_path):
    # json.loads accepts an escaped lone surrogate; DuckDB's reader (rightly) does not.
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(item("u-1")) + "\n" + '{"source": "doj", "source_id": "u-2", "html": "\\ud800"}\n')
    result = load_doj_file(conn, path)
    assert (result.rejected, result.new_versions) == (1, 1)
    assert result.rejections[0].startswith("line 2: ") and "surrogate" in result.rejections[0]


def test_an_alias_records_when_and_in_which_crawl_file_it_was_first_seen(conn, tmp_path):
    first = write_lines(tmp_path / "a.jsonl", [item("u-1", aliases=["12-crm-1308"])])
    load_doj_file(conn, first)
    later = dict(item("u-1", aliases=["12-crm-1308", "https://example.org/u-1"]),
                 fetched_at="2026-11-29T08:30:00+00:00")
    load_doj_file(conn, write_lines(tmp_path / "b.jsonl", [later]))
    rows = conn.execute("SELECT alias, first_seen, first_seen_in FROM document_aliases ORDER BY alias").fetchall()
    assert [(alias, str(seen)) for alias, seen, _ in rows] == [
        ("12-crm-1308", "2026-11-28 10:00:00"), ("https://example.org/u-1", "2026-11-29 08:30:00")]
    assert [Path(where).name for *_, where in rows] == ["a.jsonl", "b.jsonl"]


def test_the_migration_turns_an_old_first_seen_path_into_a_time(tmp_path):
    from warehouse.sql import ordered_files

    old = duckdb.connect(str(tmp_path / "old.duckdb"))
    migrate(old)
    # Undo 009 to hold the table as older warehouses do, with a row it left behind.
    old.execute("DROP TABLE document_aliases")
    old.execute(dict(ordered_files("migrations"))["004_document_aliases.sql"])
    old.execute("DELETE FROM schema_migrations WHERE name = '009_alias_first_seen_time.sql'")
    crawl_file = str(tmp_path / "a.jsonl")
    old.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, content_sha256, fetched_at, "
                "crawl_file) VALUES ('doj:u-1', 1, 'doj', 'u-1', 'x', '2026-11-28 10:00:00', ?)", [crawl_file])
    old.execute("INSERT INTO document_aliases VALUES ('doj:u-1', '12-crm-1308', ?)", [crawl_file])
    assert migrate(old) == ["009_alias_first_seen_time.sql"]
    row = old.execute("SELECT first_seen, first_seen_in FROM document_aliases").fetchone()
    assert (str(row[0]), row[1]) == ("2026-11-28 10:00:00", crawl_file)
    old.close()


def test_a_subtitle_is_stored_with_its_version(conn, tmp_path):
    speech = item("SPEECH/12/911", source="eu", subtitle="Commissioner X \u2013 Launch of the Alliance")
    load_crawl_file(conn, write_lines(tmp_path / "eu.jsonl", [speech]), source="eu")
    load_doj_file(conn, write_lines(tmp_path / "doj.jsonl", [item("u-2")]))
    assert conn.execute("SELECT doc_id, subtitle FROM raw_documents ORDER BY doc_id").fetchall() == [
        ("doj:u-2", None), ("eu:SPEECH/12/911", "Commissioner X \u2013 Launch of the Alliance")]


def test_the_migration_reads_old_subtitles_from_the_stored_api_record(tmp_path):
    from warehouse.sql import ordered_files

    old = duckdb.connect(str(tmp_path / "old.duckdb"))
    old.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)")
    for name, sql in ordered_files("migrations"):
        if name < "010":
            old.execute(sql)
            old.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
    api = json.dumps({"docuLanguageResource": {"title": "T", "subtitle": " Launch of the Alliance "}})
    for doc_id, source, record in (("eu:SPEECH/12/911", "eu", api), ("doj:u-1", "doj", "{}")):
        old.execute("INSERT INTO raw_documents (doc_id, version, source, source_id, content_sha256, api_metadata, "
                    "crawl_file) VALUES (?, 1, ?, 'x', 'x', ?, 'f')", [doc_id, source, record])
        old.execute("INSERT INTO extracted_texts (doc_id, version, text, extractor_version, extracted_at) "
                    "VALUES (?, 1, 'Text.', 'x', now())", [doc_id])
    assert migrate(old) == ["010_document_subtitles.sql"]
    expected = [("doj:u-1", None), ("eu:SPEECH/12/911", "Launch of the Alliance")]
    assert old.execute("SELECT doc_id, subtitle FROM raw_documents ORDER BY doc_id").fetchall() == expected
    assert old.execute("SELECT doc_id, subtitle FROM extracted_texts ORDER BY doc_id").fetchall() == expected
    old.close()


# A document on several lines of one file sends the loader down its ordered path (lines numbered,
# read in file order); a file of distinct documents is read on every core, joined on the id.

def test_a_document_listed_twice_with_the_same_content_is_stored_from_its_first_line(
        conn, tmp_path):
    first = item("u-1", url="https://example.org/first", aliases=["12-crm-1"],
                 api={"seen": "first"})
    again = dict(item("u-1", url="https://example.org/again", aliases=["12-crm-1", "u-1-again"],
                      api={"seen": "again"}), fetched_at="2026-11-29T08:30:00+00:00")
    result = load_doj_file(conn, write_lines(tmp_path / "a.jsonl", [first, item("u-2"), again]))
    assert (result.items, result.new_versions, result.rejected) == (3, 2, 0)
    rows = conn.execute("SELECT doc_id, version, url, api_metadata->>'seen', "
                        "CAST(fetched_at AS VARCHAR) FROM raw_documents ORDER BY doc_id").fetchall()
    assert rows == [
        ("doj:u-1", 1, "https://example.org/first", "first", "2026-11-28 10:00:00"),
        ("doj:u-2", 1, "https://www.justice.gov/opa/pr/u-2", None, "2026-11-28 10:00:00")]
    aliases = conn.execute("SELECT alias, CAST(first_seen AS VARCHAR) FROM document_aliases "
                           "ORDER BY alias").fetchall()
    assert aliases == [("12-crm-1", "2026-11-28 10:00:00"), ("u-1-again", "2026-11-29 08:30:00")]


def test_contents_of_one_document_in_one_file_become_versions_in_line_order(conn, tmp_path):
    load_doj_file(conn, write_lines(tmp_path / "a.jsonl", [item("u-1", html="<p>First.</p>")]))
    lines = [item("u-1", html="<p>Second.</p>", url="line-1"), item("u-2"),
             item("u-1", html="<p>First.</p>", url="line-3"),    # the stored content: nothing new
             item("u-1", html="<p>Second.</p>", url="line-4"),   # seen on line 1 already
             item("u-1", html="<p>Third.</p>", url="line-5")]
    result = load_doj_file(conn, write_lines(tmp_path / "b.jsonl", lines))
    assert (result.items, result.new_versions, result.rejected) == (5, 3, 0)
    rows = conn.execute("SELECT doc_id, version, html, url FROM raw_documents "
                        "ORDER BY doc_id, version").fetchall()
    assert rows == [("doj:u-1", 1, "<p>First.</p>", "https://www.justice.gov/opa/pr/u-1"),
                    ("doj:u-1", 2, "<p>Second.</p>", "line-1"),
                    ("doj:u-1", 3, "<p>Third.</p>", "line-5"),
                    ("doj:u-2", 1, "<p>First text.</p>", "https://www.justice.gov/opa/pr/u-2")]


def everything_loaded(conn, result):
    """What a load leaves behind, but for when it ran."""
    return (result,
            conn.execute("SELECT * FROM raw_documents ORDER BY doc_id, version").fetchall(),
            conn.execute("SELECT * FROM document_aliases ORDER BY doc_id, alias").fetchall(),
            conn.execute("SELECT * EXCLUDE (loaded_at) FROM crawl_files ORDER BY path").fetchall())


def test_a_file_of_distinct_documents_stores_the_same_rows_read_in_parallel_as_in_file_order(
        tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        migrate(conn)
        earlier = [item("u-1"), item("u-2", aliases=["12-crm-2"])]
        load_doj_file(conn, write_lines(tmp_path / "a.jsonl", earlier))
    crawl = write_lines(tmp_path / "b.jsonl", [
        item("u-1"),                                                           # unchanged
        item("u-2", html="<p>Corrected.</p>", aliases=["12-crm-2", "u-2-b"]),  # a second version
        "{not json",
        item("u-3", subtitle="  A subtitle ", language="FR", published="2013-13-40"),
        item("u-4", source="eu"),
        dict(item("u-5"), fetched_at=None, api=None, languages=None),
    ])
    repeats = raw._repeats_a_document
    outcomes, answers = {}, []
    for in_file_order in (False, True):
        def choose(conn, in_file_order=in_file_order):
            answers.append(repeats(conn))
            return in_file_order
        monkeypatch.setattr(raw, "_repeats_a_document", choose)
        copy = tmp_path / f"in-file-order-{in_file_order}.duckdb"
        shutil.copy(warehouse, copy)
        with duckdb.connect(str(copy)) as conn:
            outcomes[in_file_order] = everything_loaded(conn, load_doj_file(conn, crawl))
    assert answers == [False, False]
    in_parallel, in_file_order = outcomes[False], outcomes[True]
    assert in_parallel == in_file_order
    result, documents, _, _ = in_parallel
    assert (result.items, result.new_versions, result.rejected) == (6, 3, 2)
    loaded_now = [row[:2] for row in documents if row[-2] == str(crawl)]
    assert loaded_now == [("doj:u-2", 2), ("doj:u-3", 1), ("doj:u-5", 1)]


def test_a_line_of_another_source_spelling_a_staged_doc_id_is_not_read_back(conn, tmp_path):
    # 'doj' + 'a:b' and 'doj:a' + 'b' are both 'doj:a:b': only the line of the file's source counts.
    lines = [item("a:b", html="<p>Ours.</p>"), item("b", source="doj:a", html="<p>Not ours.</p>")]
    result = load_doj_file(conn, write_lines(tmp_path / "a.jsonl", lines))
    assert (result.items, result.new_versions, result.rejected) == (2, 1, 1)
    assert conn.execute("SELECT doc_id, source, html FROM raw_documents").fetchall() == [
        ("doj:a:b", "doj", "<p>Ours.</p>")]


@pytest.mark.parametrize("lines, written_between", [
    ([item("u-1"), item("u-2")], item("u-1", html="<p>Later.</p>")),   # read back from two lines
    ([item("u-1"), item("u-2")], item("u-3")),                          # a line nobody planned
    ([item("u-1"), item("u-2"), item("u-1")], item("u-2", html="<p>Later.</p>")),  # in file order
], ids=["twin-of-a-planned-document", "new-document", "file-repeating-a-document"])
def test_a_file_written_to_between_the_two_reads_is_not_loaded_and_loads_once_finished(
        conn, tmp_path, monkeypatch, lines, written_between):
    path = write_lines(tmp_path / "a.jsonl", lines)
    repeats = raw._repeats_a_document

    def still_crawling(conn):
        with path.open("a") as crawl:
            crawl.write(json.dumps(written_between) + "\n")
        return repeats(conn)

    monkeypatch.setattr(raw, "_repeats_a_document", still_crawling)
    optimizers = conn.execute("SELECT current_setting('disabled_optimizers')").fetchone()[0]
    with pytest.raises(CrawlFileChanged, match="changed while it was being loaded"):
        load_doj_file(conn, path)
    assert conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM crawl_files").fetchone()[0] == 0
    assert conn.execute("SELECT current_setting('disabled_optimizers')").fetchone()[0] == optimizers
    monkeypatch.setattr(raw, "_repeats_a_document", repeats)
    result = load_doj_file(conn, path)
    assert (result.items, result.rejected) == (len(lines) + 1, 0)
    assert {row[0] for row in stored(conn)} == {json_id(line) for line in [*lines, written_between]}


def json_id(line):
    return f"{line['source']}:{line['source_id']}"


def test_pages_read_back_on_every_core_are_each_their_own_lines(tmp_path):
    # Distinct documents over enough lines for several readers: each page must land with its id.
    conn = duckdb.connect(str(tmp_path / "w.duckdb"), config={"threads": 2})
    migrate(conn)
    lines = [item(f"f-{i}", html=f"<p>{'Filler paragraph. ' * 1000}{i}</p>") for i in range(2000)]
    result = load_doj_file(conn, write_lines(tmp_path / "a.jsonl", lines))
    assert (result.items, result.new_versions) == (2000, 2000)
    mismatched = conn.execute(
        "SELECT count(*) FROM raw_documents WHERE source_id <> split_part(doc_id, ':', 2) "
        "OR NOT ends_with(html, split_part(doc_id, '-', 2) || '</p>')").fetchone()[0]
    assert mismatched == 0
    conn.close()


def test_before_commit_hears_the_new_versions_inside_the_transaction(conn, tmp_path):
    heard = []

    def before_commit(new_versions):
        heard.append((new_versions, conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0]))

    write_lines(tmp_path / "a.jsonl", [item("a"), item("b"), item("a")])
    load_crawl_file(conn, tmp_path / "a.jsonl", source="doj", before_commit=before_commit)
    write_lines(tmp_path / "b.jsonl", [item("a"), item("b")])
    load_crawl_file(conn, tmp_path / "b.jsonl", source="doj", before_commit=before_commit)
    assert heard == [(2, 2), (0, 2)]


def test_a_failing_before_commit_loads_nothing(conn, tmp_path):
    def refuse(_):
        raise RuntimeError("no")

    write_lines(tmp_path / "a.jsonl", [item("a")])
    with pytest.raises(RuntimeError):
        load_crawl_file(conn, tmp_path / "a.jsonl", source="doj", before_commit=refuse)
    assert stored(conn) == []
    assert load_doj_file(conn, tmp_path / "a.jsonl").new_versions == 1
