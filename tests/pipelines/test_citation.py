"""alliance-tracker cite: a document's citation in plain text and BibTeX, by doc_id or alias."""

from datetime import date, datetime

import duckdb
import pytest
from click.testing import CliRunner

from pipelines.citation import CitedDocument, as_bibtex, as_text, load_sources, reference_number
from pipelines.cli import main
from warehouse.schema import migrate

SPEECH = CitedDocument(
    doc_id="eu:SPEECH/12/911", source="eu", source_id="SPEECH/12/911",
    title="Joining forces to protect children online", published=date(2012, 12, 5),
    url="https://ec.europa.eu/commission/presscorner/detail/en/speech_12_911", release_number=None,
    fetched_at=datetime(2026, 11, 28, 10, 0), warc_file="eu-20261128T100000.warc.gz", warc_offset=4096,
    warc_sha256="ab" * 32)
RELEASE = CitedDocument(
    doc_id="doj:3f1c", source="doj", source_id="3f1c", title="Man Sentenced for Producing Child Pornography & More",
    published=date(2013, 3, 14), url="https://www.justice.gov/opa/pr/man-sentenced", release_number="13-crm-295",
    fetched_at=None, warc_file=None, warc_offset=None, warc_sha256=None)


def test_the_issuer_comes_from_the_sources_reference_data():
    sources = load_sources()
    assert (sources["doj"].issuer, sources["eu"].issuer) == ("U.S. Department of Justice", "European Commission")


def test_the_reference_number_is_the_commission_reference_or_the_doj_release_number():
    sources = load_sources()
    assert reference_number(SPEECH, sources["eu"]) == "SPEECH/12/911"
    assert reference_number(RELEASE, sources["doj"]) == "13-crm-295"


def test_plain_text_names_issuer_title_reference_date_url_retrieval_and_archive_record():
    text = as_text(SPEECH, load_sources()["eu"])
    assert text == (
        "European Commission. \u201cJoining forces to protect children online.\u201d SPEECH/12/911, 5 December 2012. "
        "https://ec.europa.eu/commission/presscorner/detail/en/speech_12_911 (retrieved 2026-11-28; archive record "
        f"raw/warc/eu-20261128T100000.warc.gz at offset 4096 (payload sha256 {'ab' * 32}); "
        "alliance-tracker eu:SPEECH/12/911).")


def test_bibtex_escapes_the_title_and_leaves_out_what_is_unknown():
    entry = as_bibtex(RELEASE, load_sources()["doj"])
    assert entry.startswith("@misc{doj_3f1c,\n  author = {{U.S. Department of Justice}},\n")
    assert r"title = {{Man Sentenced for Producing Child Pornography \& More}}" in entry
    assert "number = {13-crm-295}" in entry and "date = {2013-03-14}" in entry and "month = {mar}" in entry
    assert "urldate" not in entry and "archive record" not in entry
    assert entry.endswith("}") and entry.count("{") == entry.count("}")


@pytest.fixture
def warehouse_file(tmp_path):
    path = tmp_path / "alliance.duckdb"
    with duckdb.connect(str(path)) as conn:
        migrate(conn)
        for version, title in ((1, "Joining forces"), (2, "Joining forces to protect children online")):
            conn.execute(
                "INSERT INTO raw_documents (doc_id, version, source, source_id, url, fetch_url, title, published, "
                "content_sha256, fetched_at, api_metadata, crawl_file) VALUES ('eu:SPEECH/12/911', ?, 'eu', "
                "'SPEECH/12/911', ?, ?, ?, '2012-12-05', ?, ?, '{}', 'c.jsonl')",
                [version, SPEECH.url, f"http://127.0.0.1/api/documents?reference=SPEECH/12/911&v={version}",
                 title, str(version), f"2026-11-2{version + 6} 10:00:00"])
            conn.execute("INSERT INTO warc_records VALUES (?, ?, ?, ?, 200, ?)",
                         [f"http://127.0.0.1/api/documents?reference=SPEECH/12/911&v={version}",
                          f"eu-{version}.warc.gz", 4096 * version, "cd" * 32, f"2026-11-2{version + 6} 10:00:00"])
        conn.execute("INSERT INTO document_aliases VALUES ('eu:SPEECH/12/911', 'SPEECH/12/911', 'c.jsonl', now())")
        conn.execute(
            "INSERT INTO raw_documents (doc_id, version, source, source_id, url, title, published, content_sha256, "
            "fetched_at, api_metadata, crawl_file) VALUES ('doj:3f1c', 1, 'doj', '3f1c', 'https://www.justice.gov/x', "
            "'A release', '2013-03-14', 'x', '2026-11-28 09:00:00', '{\"number\": \"13-crm-295\"}', 'd.jsonl')")
    return path


def cite(warehouse_file, *arguments):
    return CliRunner().invoke(main, ["cite", *arguments, "--warehouse", str(warehouse_file)])


def test_cli_cites_the_current_version_by_doc_id_or_alias(warehouse_file):
    by_id = cite(warehouse_file, "eu:SPEECH/12/911")
    assert by_id.exit_code == 0, by_id.output
    assert by_id.output == cite(warehouse_file, "SPEECH/12/911").output
    assert "\u201cJoining forces to protect children online.\u201d SPEECH/12/911, 5 December 2012." in by_id.output
    assert "retrieved 2026-11-28; archive record raw/warc/eu-2.warc.gz at offset 8192" in by_id.output


def test_cli_prints_bibtex_or_both(warehouse_file):
    bibtex = cite(warehouse_file, "doj:3f1c", "--format", "bibtex")
    assert bibtex.exit_code == 0, bibtex.output
    assert bibtex.output.startswith("@misc{doj_3f1c,") and "number = {13-crm-295}" in bibtex.output
    both = cite(warehouse_file, "doj:3f1c", "--format", "both").output
    assert both.startswith("U.S. Department of Justice. \u201cA release.\u201d Press release 13-crm-295, 14 March 2013.")
    assert "\n\n@misc{doj_3f1c," in both


def test_cli_refuses_an_unknown_document(warehouse_file):
    result = cite(warehouse_file, "eu:IP/99/1")
    assert result.exit_code != 0
    assert "no document 'eu:IP/99/1'" in result.output and "neither a doc_id nor an alias" in result.output


def test_cli_names_the_warc_record_when_the_raw_archive_is_beside_the_warehouse(warehouse_file):
    from raw_archive.warc import WarcArchive

    archive = WarcArchive(warehouse_file.parent / "raw" / "warc", "eu", datetime(2026, 11, 28, 10, 0))
    entry = archive.write(url="http://127.0.0.1/api/documents?reference=SPEECH/12/911&v=2", method="GET",
                          request_headers=[], status=200, response_headers=[("Content-Type", "application/json")],
                          body=b"{}", fetched_at=datetime(2026, 11, 28, 10, 0))
    archive.close()
    with duckdb.connect(str(warehouse_file)) as conn:
        conn.execute("UPDATE warc_records SET warc_file = ?, \"offset\" = ? WHERE warc_file = 'eu-2.warc.gz'",
                     [entry["warc_file"], entry["offset"]])
    result = cite(warehouse_file, "SPEECH/12/911")
    assert result.exit_code == 0, result.output
    record_id = result.output.split("archive record ")[1].split(" in raw/warc/")[0]
    assert record_id.startswith("<urn:uuid:") and record_id.endswith(">")
    assert f"in raw/warc/{entry['warc_file']} at offset {entry['offset']}" in result.output


def test_a_source_is_cited_by_its_registry_title_and_an_unknown_one_is_refused():
    from pipelines.citation import CitationError, source_of
    from spiders.registry import source

    known = CitedDocument.from_row({"doc_id": "eu:IP/13/77", "source": "eu", "source_id": "IP/13/77"})
    assert source_of(known, {}).issuer == source("eu").title  # not among the sources given: the registry's
    assert source_of(known, {}).reference_from == "source_id"
    assert source_of(known, load_sources()).issuer == "European Commission"
    stray = CitedDocument.from_row({"doc_id": "nope:1", "source": "nope", "source_id": "1"})
    with pytest.raises(CitationError, match="not in the registry"):
        source_of(stray, load_sources())
