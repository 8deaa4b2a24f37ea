"""The `alliance-tracker` command."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click
import duckdb

from warehouse.location import WarehouseLocationError, warehouse_path
from warehouse.publish import published_path
from warehouse.sql import query as sql_query


def _fail(message: str) -> None:
    click.echo(f"alliance-tracker: {message}", err=True)
    sys.exit(2)


def _warehouse(path: str | None) -> Path:
    try:
        return warehouse_path(path)
    except WarehouseLocationError as error:
        _fail(str(error))


@click.group()
def main() -> None:
    """Track the Global Alliance Against Child Sexual Abuse Online from public press releases."""


def _replica_port():
    return int(os.environ.get("REPLICA_PORT", "8765"))


@main.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First publication week (its Monday or any day in it); default: what the schedule would run now.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last publication week (any day in it); default: the last complete week "
                   "(with --replica: the replica's newest).")
@click.option("--sources", default="", help="Sources to crawl, e.g. doj or doj,eu (default: every source).")
@click.option("--replica", is_flag=True, help="Start the bundled replica of the sources and crawl it instead of the live sites.")
@click.option("--retag", is_flag=True, help="Re-tag the weeks with the codebook in the files; nothing is crawled or extracted.")
@click.option("-v", "--verbose", is_flag=True, help="Also print Dagster's log lines (INFO and up); every event is in the debug log either way.")
def run(since, until, sources: str, replica: bool, retag: bool, verbose: bool) -> None:
    """Run the weekly job (every stage, asset checks) over a range of publication weeks, into $DAGSTER_HOME."""
    _launch(since, until, sources, replica, retag, verbose, _replica_port())


def _launch(since, until, sources, replica, retag, verbose, port) -> None:
    from pipelines.demo import DemoError
    from pipelines.launch import LaunchError
    from pipelines.operate import run_pipeline

    warehouse = _warehouse(None)
    try:
        outcome = run_pipeline(since=since and since.date(), until=until and until.date(), sources=sources,
                               replica=replica, retag=retag, verbose=verbose, warehouse=warehouse,
                               port=port, echo=click.echo)
    except (LaunchError, DemoError) as error:
        _fail(str(error))
    if not outcome.ok:
        sys.exit(1)


@main.command()
@click.option("--port", type=int, default=_replica_port,
              show_default="8765 or $REPLICA_PORT", help="Port of the local replica of the sources.")
@click.option("--warehouse", "warehouse_file", default=None, help="DuckDB file (default: $ALLIANCE_WAREHOUSE or warehouse/alliance.duckdb).")
@click.option("-v", "--verbose", is_flag=True, help="Also print Dagster's log lines (INFO and up); every event is in the debug log either way.")
def demo(port: int, warehouse_file: str | None, verbose: bool) -> None:
    """`run --replica`, then a summary of the warehouse."""
    warehouse = _warehouse(warehouse_file)
    os.environ["ALLIANCE_WAREHOUSE"] = str(warehouse)
    _launch(None, None, "", True, False, verbose, port)
    _print_summary(published_path(warehouse))


def _print_summary(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        for title, name in [("documents per source", "summary_by_source"),
                            ("relevant documents per goal", "summary_by_goal")]:
            click.echo(f"{title}:")
            conn.sql(sql_query(name)).show(max_rows=100, max_width=200)
        members = conn.execute(sql_query("summary_by_member")).fetchall()
    shown = ", ".join(f"{code} {acting}/{any_role}" for code, _, acting, any_role in members[:12])
    more = f", and {len(members) - 12} more" if len(members) > 12 else ""
    click.echo(f"documents with implementation events per member, acting/any role ({len(members)} "
               f"members): {shown}{more}")


@main.command()
@click.option("--input", "input_path", required=True, type=click.Path(dir_okay=False), help="JSON lines: id, source, title, text, published; subtitle optional.")
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False), help="JSON lines of tags, in input order.")
def tag(input_path: str, output_path: str) -> None:
    """Tag documents by relevance, member and goal, with evidence."""
    from pipelines.tagging import CodebookError, Tagger
    from pipelines.tagging.batch import tag_jsonl

    if not Path(input_path).is_file():
        _fail(f"input file {input_path} does not exist")
    try:
        tagger = Tagger.from_reference()
    except CodebookError as error:
        _fail(str(error))
    report = tag_jsonl(Path(input_path), Path(output_path), tagger)
    for line_number, reason in report.bad_lines:
        click.echo(f"{input_path}:{line_number}: skipped: {reason}", err=True)
    click.echo(
        f"tagged {report.tagged} documents with codebook {tagger.codebook_version}; "
        f"{len(report.bad_lines)} bad lines skipped", err=True,
    )


@main.command()
@click.argument("sql")
@click.option("--warehouse", "warehouse_file", default=None,
              help="DuckDB file to read instead of the published copy (opened read-only).")
@click.option("--max-rows", default=1000, show_default=True)
def query(sql: str, warehouse_file: str | None, max_rows: int) -> None:
    """Run one SQL query on the published copy of the warehouse and print a table."""
    path = _readable_copy(warehouse_file)
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            conn.sql(sql).show(max_rows=max_rows, max_width=250)
    except duckdb.Error as error:
        _fail(f"query failed: {str(error).splitlines()[0]}")


@main.command()
@click.option("--port", default=3000, show_default=True)
def ui(port: int) -> None:
    """Start the Dagster UI (dagster dev) bound to 127.0.0.1."""
    from pipelines.operate import one_planned_event_per_asset

    os.environ.setdefault("DAGSTER_HOME", str(Path("dagster_home").absolute()))
    one_planned_event_per_asset()  # runs the UI and the daemon launch book their weeks as `run` does
    os.execvp(sys.executable, [sys.executable, "-m", "dagster", "dev", "-m", "pipelines.definitions",
                               "-h", "127.0.0.1", "-p", str(port)])


def _readable_copy(warehouse_file: str | None) -> Path:
    """The file a reader opens: --warehouse if given, else the published copy; refused (one line)
    when it is missing or its schema is older than the code."""
    path = Path(warehouse_file).absolute() if warehouse_file else published_path(_warehouse(None))
    if not path.is_file():
        _fail(f"no warehouse at {path} yet (run `make demo` or the pipeline first)")
    _require_current_schema(path)
    return path


def _require_current_schema(path: Path) -> None:
    """Readers never migrate (they open read-only): an old file is named, not upgraded behind the
    back of whoever else reads it."""
    from warehouse.schema import SchemaOutdated, require_current

    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            require_current(conn, path)
    except SchemaOutdated as error:
        _fail(str(error))
    except duckdb.Error as error:
        _fail(f"reading {path}: {str(error).splitlines()[0]}")


@main.command()
@click.option("--warehouse", "warehouse_file", default=None,
              help="DuckDB file to read instead of the published copy (opened read-only).")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Directory for index.html and the charts (default: report/ beside the warehouse).")
def report(warehouse_file: str | None, out_dir: str | None) -> None:
    """Write the researchers' report (index.html: the explorer; print.html with PNG charts) from the
    published copy."""
    from pipelines.report import ReportError, write_report
    from warehouse.location import beside

    source = _readable_copy(warehouse_file)
    target = Path(out_dir).absolute() if out_dir else beside(_warehouse(None), "report")
    try:
        written = write_report(source, target)
    except ReportError as error:
        _fail(str(error))
    click.echo(f"report: {written.index} ({len(written.charts)} charts)")
    click.echo(written.coverage_note)


@main.command()
@click.option("--parquet", "parquet_dir", default=None, type=click.Path(file_okay=False),
              help="Directory to write one <name>.parquet per researcher view, the roster, the goals "
                   "and the evidence into, with a manifest.json.")
@click.option("--csv", "csv_dir", default=None, type=click.Path(file_okay=False),
              help="Directory to write the same files as CSV into, with a manifest.json.")
@click.option("--warehouse", "warehouse_file", default=None,
              help="DuckDB file to read instead of the published copy (opened read-only).")
def export(parquet_dir: str | None, csv_dir: str | None, warehouse_file: str | None) -> None:
    """Write every researcher view, the roster, the goals and the evidence of the published copy as
    Parquet (--parquet DIR) and/or CSV (--csv DIR), with their provenance in manifest.json."""
    from pipelines.export import ExportError, export_views

    targets = [(fmt, out) for fmt, out in (("parquet", parquet_dir), ("csv", csv_dir)) if out]
    if not targets:
        raise click.UsageError("give --parquet DIR or --csv DIR (or both)")
    source = _readable_copy(warehouse_file)
    for file_format, out_dir in targets:
        try:
            written = export_views(source, Path(out_dir).absolute(), file_format)
        except ExportError as error:
            _fail(str(error))
        for path in written:
            click.echo(str(path))


@main.command()
@click.argument("doc_id")
@click.option("--format", "citation_format", type=click.Choice(["text", "bibtex", "both"]),
              default="text", show_default=True, help="Plain text, a BibTeX entry, or both.")
@click.option("--warehouse", "warehouse_file", default=None,
              help="DuckDB file to read instead of the published copy (opened read-only).")
def cite(doc_id: str, citation_format: str, warehouse_file: str | None) -> None:
    """Print a citation of one document, named by its doc_id (eu:IP/12/1308) or an alias (IP/12/1308,
    a DOJ release number, a URL it had)."""
    from pipelines.citation import (
        CitationError,
        CitedDocument,
        as_bibtex,
        as_text,
        load_sources,
        source_of,
    )
    from raw_archive.warc import archived_record_id
    from warehouse.citations import citation_facts

    source_file = _readable_copy(warehouse_file)
    try:
        with duckdb.connect(str(source_file), read_only=True) as conn:
            found = citation_facts(conn, doc_id)
        if not found:
            raise CitationError(f"no document {doc_id!r} in {source_file} (neither a doc_id nor an alias)")
        if len(found) > 1:
            names = ", ".join(row["doc_id"] for row in found)
            raise CitationError(f"{doc_id!r} names {len(found)} documents ({names}): cite one by its doc_id")
        document = CitedDocument.from_row(found[0])
        source = source_of(document, load_sources())
        if document.warc_file is not None:
            # The raw archive lies beside the working file, the published copy one directory down.
            home = source_file.parent.parent if source_file.parent.name == "published" else source_file.parent
            document = replace(document, warc_record_id=archived_record_id(
                home / "raw" / "warc" / document.warc_file, document.warc_offset))
    except CitationError as error:
        _fail(str(error))
    except duckdb.Error as error:
        _fail(f"reading {source_file}: {str(error).splitlines()[0]}")
    if citation_format in ("text", "both"):
        click.echo(as_text(document, source))
    if citation_format == "both":
        click.echo()
    if citation_format in ("bibtex", "both"):
        click.echo(as_bibtex(document, source))


@main.command()
@click.option("--all", "every_version", is_flag=True, help="Every version, not only those extracted by an older extractor.")
@click.option("--warehouse", "warehouse_file", default=None, help="DuckDB file (default: $ALLIANCE_WAREHOUSE or warehouse/alliance.duckdb).")
@click.option("--from-archive", "from_archive", is_flag=True,
              help="Rebuild the HTML from the archived HTTP responses (raw/warc/ beside the warehouse) "
                   "instead of the stored HTML; versions the archive cannot give back are skipped and counted.")
def reextract(every_version: bool, warehouse_file: str | None, from_archive: bool) -> None:
    """Extract again, offline, from the HTML the spiders received; re-tag what changed."""
    from pipelines.reextraction import reextract as run_reextraction
    from warehouse.connection import connect
    from warehouse.publish import publish
    from warehouse.schema import migrate

    path = _warehouse(warehouse_file)
    if not path.is_file():
        _fail(f"no warehouse at {path} yet (run `make demo` or the pipeline first)")
    warc_dir = path.parent / "raw" / "warc"
    if from_archive and not warc_dir.is_dir():
        _fail(f"no raw archive at {warc_dir} (--from-archive reads the WARC files the crawls wrote there)")
    with connect(path) as conn:
        migrate(conn)  # a command that writes brings the schema up to date first
        result = run_reextraction(conn, outdated_only=not every_version,
                                  from_archive=warc_dir if from_archive else None)
        publish(conn, path)
    click.echo(f"re-extracted {result.versions} versions; {result.text_changed} texts changed; "
               f"{result.retagged} versions re-tagged")
    if from_archive:
        click.echo(f"archive: {result.archive_missing} versions skipped (no archived response), "
                   f"{result.archive_unreadable} skipped (archived response unreadable); "
                   f"{result.archive_differs} rebuilt differently from the stored HTML")


@main.command("migrate")
@click.option("--warehouse", "warehouse_file", default=None, help="DuckDB file (default: $ALLIANCE_WAREHOUSE or warehouse/alliance.duckdb).")
def migrate_command(warehouse_file: str | None) -> None:
    """Bring the warehouse's schema and views up to date (the pipeline does it at the start of each
    run), then publish it again so readers see the new schema. Run again, it changes nothing."""
    from warehouse.connection import connect
    from warehouse.publish import publish
    from warehouse.schema import migrate, views_current

    path = _warehouse(warehouse_file)
    try:
        with connect(path) as conn:
            views_changed = not views_current(conn)
            applied = migrate(conn)
            if applied or views_changed:
                publish(conn, path)
    except duckdb.Error as error:
        _fail(f"migrating {path}: {str(error).splitlines()[0]}")
    if applied:
        click.echo(f"{path}: applied {len(applied)} migration(s): {', '.join(applied)}; published again")
    elif views_changed:
        click.echo(f"{path}: views recreated from their new definitions; published again")
    else:
        click.echo(f"{path}: schema already up to date; nothing changed")


@main.command("codebook-diff")
@click.option("--old", "old_version", required=True, help="Codebook version the documents were tagged with before.")
@click.option("--new", "new_version", required=True, help="Codebook version they were re-tagged with.")
@click.option("--warehouse", "warehouse_file", default=None,
              help="DuckDB file to read instead of the published copy (opened read-only).")
@click.option("--samples", default=3, show_default=True, type=click.IntRange(min=0),
              help="Sample documents per label and direction.")
def codebook_diff_command(old_version: str, new_version: str, warehouse_file: str | None, samples: int) -> None:
    """Print (Markdown) what moved between two codebook versions: per member and goal, and samples."""
    from pipelines.codebook_diff import CodebookDiffError, codebook_diff, render_markdown

    path = _readable_copy(warehouse_file)
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            diff = codebook_diff(conn, old_version, new_version, samples)
    except CodebookDiffError as error:
        _fail(f"{path}: {error}")
    except duckdb.Error as error:
        _fail(f"reading {path}: {str(error).splitlines()[0]}")
    click.echo(render_markdown(diff), nl=False)

if __name__ == "__main__":
    main()
