"""Collect: crawl the sources, then load what the crawls found into raw_documents."""


from datetime import UTC, datetime

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.crawling import CrawlFailed, run_crawl
from pipelines.partitions import publication_weeks
from pipelines.resources import SourcesResource, WarehouseResource
from warehouse.crawl_records import (
    index_warc_files,
    last_complete_start,
    last_watermark,
    read_stats,
    record_crawl,
)
from warehouse.location import beside
from warehouse.raw import load_crawl_file
from warehouse.sql import query

SPIDERS = ("doj", "eu")
SPIDERS_WITH_CHANGED_LISTING = {"doj"}
# Collect what the partitions cover: nothing published before the first publication week.
FIRST_WEEK = publication_weeks.get_first_partition_key()


def incremental_arguments(conn, spider: str, scope: dict[str, str]) -> dict[str, str]:
    """Where the spider resumes: the watermark of its last complete crawl over the same scope
    (queries, types), and (DOJ, whose listing is sorted by publication date) releases changed since
    that crawl started. None of it for a first crawl."""
    arguments = dict(scope)
    if watermark := last_watermark(conn, spider, scope.get("queries"), scope.get("types")):
        arguments["watermark"] = watermark
    if spider in SPIDERS_WITH_CHANGED_LISTING and (started := last_complete_start(conn, spider)):
        arguments["changed_since"] = started
    return arguments


@asset(group_name="collect", description="Crawl the DOJ and Commission sources; one JSON-lines file per spider and crawl, raw responses archived as WARC.")
def crawled_items(
    context: AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource
) -> MaterializeResult:
    crawl_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + context.run.run_id[:8]
    raw = beside(warehouse.path(), "raw")
    crawl_dir = raw / "crawls" / crawl_id
    base_urls = sources.resolved()
    with warehouse.get_connection() as conn:
        resume = {spider: incremental_arguments(conn, spider, sources.spider_scope(spider)) for spider in SPIDERS}
    metadata = {}
    for spider in SPIDERS:
        stats_file = crawl_dir / f"{spider}.stats.json"
        settings = {**base_urls, "ALLIANCE_STATS_FILE": str(stats_file),
                    "ALLIANCE_WARC_DIR": str(raw / "warc")}
        arguments = {"since": FIRST_WEEK, **resume[spider]}
        try:
            output = run_crawl(spider, crawl_dir, settings, arguments)
        except CrawlFailed:
            with warehouse.get_connection() as conn:  # a failed crawl is recorded, its watermark never used
                record_crawl(conn, str(crawl_dir / f"{spider}.jsonl"), spider, read_stats(stats_file), "failed")
            raise
        stats = read_stats(stats_file)
        context.log.info(f"crawl {spider}: {output.items} items into {output.items_file}")
        metadata[f"{spider}_items"] = output.items
        metadata[f"{spider}_requests"] = stats.get("requests", 0)
        metadata[f"{spider}_errors"] = MetadataValue.json(stats.get("errors_by_kind", {}))
        metadata[f"{spider}_watermark"] = str(stats.get("watermark_after"))
    return MaterializeResult(
        metadata={
            "crawl_dir": MetadataValue.path(str(crawl_dir)),
            **metadata,
            **{name: MetadataValue.url(base_urls[name]) for name in ("DOJ_BASE_URL", "PRESSCORNER_BASE_URL")},
        }
    )


@asset(group_name="collect", deps=[crawled_items], description="Every document version the crawls found (a new version only when the content changed), crawl records and the WARC index.")
def raw_documents(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    raw = beside(warehouse.path(), "raw")
    loaded = []
    with warehouse.get_connection() as conn:
        for items_file in sorted((raw / "crawls").glob("*/*.jsonl")):
            spider = items_file.stem
            stats = read_stats(items_file.with_name(f"{spider}.stats.json"))
            result = load_crawl_file(conn, items_file, spider, stats)
            if not result.already_loaded:
                loaded.append(result)
                context.log.info(
                    f"{items_file}: {result.items} items, {result.new_versions} new versions, "
                    f"{result.rejected} rejected"
                )
        archived = index_warc_files(conn, raw / "warc")
        # A damaged archive is reported, not fatal: the documents above are already loaded.
        from warehouse.archive_check import verify_archive

        archive = verify_archive(conn, raw / "warc")
        total = conn.execute(query("metadata_raw_totals")).fetchone()
    context.log.info(
        f"WARC archive: {archive.files_scanned} files scanned, {archive.records_verified} responses "
        f"read back ({archive.records_failed} failed), {len(archive.problem_files)} files with problems"
    )
    for warc_file, problem in archive.problem_files.items():
        context.log.warning(f"bad WARC file {raw / 'warc' / warc_file}: {problem}")
    return MaterializeResult(
        metadata={
            "files_loaded": len(loaded),
            "new_versions": sum(r.new_versions for r in loaded),
            "rejected_items": sum(r.rejected for r in loaded),
            "archived_responses_indexed": archived,
            "warc_files_scanned": archive.files_scanned,
            "warc_responses_verified": archive.records_verified,
            "warc_responses_failed": archive.records_failed,
            "warc_bad_files": MetadataValue.json(sorted(archive.problem_files)),
            "documents": total[0],
            "versions": total[1],
        }
    )
