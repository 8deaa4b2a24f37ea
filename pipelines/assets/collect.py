"""Collect: crawl the sources for the run's publication weeks, then load what the crawls found into
raw_documents."""


from datetime import UTC, datetime

from dagster import (
    AssetExecutionContext,
    AutomationCondition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.crawling import CrawlRequest, run_crawls
from pipelines.partitions import crawl_window, publication_weeks, single_run
from pipelines.processing import prepare_workers
from pipelines.resources import SourcesResource, WarehouseResource
from spiders.registry import SOURCES
from warehouse.crawl_records import (
    crawl_outcome,
    index_warc_files,
    last_complete_start,
    read_stats,
    record_crawl,
)
from warehouse.location import beside
from warehouse.raw import load_crawl_file
from warehouse.sql import query

SPIDERS_WITH_CHANGED_LISTING = {source.name for source in SOURCES if source.changed_listing}


def spider_arguments(conn, spider: str, scope: dict[str, str], since: str, until: str) -> dict[str, str]:
    """The spider's arguments for a run over [since, until]: its scope, and (sources with a
    changed-since listing) documents changed since its last complete crawl started, whatever week
    they were published in."""
    arguments = {**scope, "since": since, "until": until}
    if spider in SPIDERS_WITH_CHANGED_LISTING and (started := last_complete_start(conn, spider)):
        arguments["changed_since"] = started
    return arguments


@asset(
    group_name="collect", partitions_def=publication_weeks, backfill_policy=single_run,
    description="Crawl every registry source for the documents published in the run's weeks; "
                "one JSON-lines file per spider and crawl, raw responses archived as WARC.",
)
def crawled_items(
    context: AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource
) -> MaterializeResult:
    crawl_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + context.run.run_id[:8]
    raw = beside(warehouse.path(), "raw")
    crawl_dir = raw / "crawls" / crawl_id
    base_urls = sources.resolved()
    since, until = crawl_window(context)
    spiders = sources.selected_spiders()
    with warehouse.get_connection() as conn:
        arguments = {spider: spider_arguments(conn, spider, sources.spider_scope(spider), since, until)
                     for spider in spiders}
    metadata = {"published_from": since, "published_until": until}
    stats_files = {spider: crawl_dir / f"{spider}.stats.json" for spider in spiders}
    requests = [CrawlRequest(spider, {**base_urls, "ALLIANCE_STATS_FILE": str(stats_files[spider]),
                                      "ALLIANCE_WARC_DIR": str(raw / "warc")}, arguments[spider])
                for spider in spiders]
    crawls = run_crawls(requests, crawl_dir)
    if crawls.failed:
        with warehouse.get_connection() as conn:  # a failed crawl is recorded, its watermark never used
            for spider in crawls.failed:
                record_crawl(conn, str(crawl_dir / f"{spider}.jsonl"), spider,
                             read_stats(stats_files[spider]), "failed")
        # the crawls that finished keep their files: the next run's raw_documents loads them
        raise crawls.failure()
    for output in crawls.finished:
        spider = output.spider
        stats = read_stats(stats_files[spider])
        context.log.info(f"crawl {spider}: {output.items} items into {output.items_file}")
        metadata[f"{spider}_items"] = output.items
        metadata[f"{spider}_requests"] = stats.get("requests", 0)
        metadata[f"{spider}_errors"] = MetadataValue.json(stats.get("errors_by_kind", {}))
        metadata[f"{spider}_outcome"] = crawl_outcome(stats)
        metadata[f"{spider}_newest_published"] = str(stats.get("watermark_after"))
    return MaterializeResult(
        metadata={
            "crawl_dir": MetadataValue.path(str(crawl_dir)),
            **metadata,
            **{source.base_url_setting: MetadataValue.url(base_urls[source.base_url_setting])
               for source in SOURCES},
        }
    )


@asset(
    group_name="collect", deps=[crawled_items], partitions_def=publication_weeks, backfill_policy=single_run,
    automation_condition=AutomationCondition.eager(),
    description="Every document version the crawls found (a new version only when the content changed), "
                "crawl records and the WARC index. Loads every crawl not loaded yet, so a crawl whose "
                "run was cut short after it is loaded by the next run, whatever its weeks.",
)
def raw_documents(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    raw = beside(warehouse.path(), "raw")
    loaded = []
    with warehouse.get_connection() as conn:
        for items_file in sorted((raw / "crawls").glob("*/*.jsonl")):
            spider = items_file.stem
            stats = read_stats(items_file.with_name(f"{spider}.stats.json"))
            result = load_crawl_file(conn, items_file, spider, stats, before_commit=prepare_workers)
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
