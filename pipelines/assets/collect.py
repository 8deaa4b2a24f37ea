"""Collect: crawl the sources, then load what the crawls found into raw_documents."""


from datetime import datetime, timezone

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.crawling import run_crawl
from pipelines.partitions import publication_weeks
from pipelines.resources import SourcesResource, WarehouseResource
from warehouse.location import beside
from warehouse.raw import load_crawl_file

SPIDERS = ("doj", "eu")
# Collect what the partitions cover: nothing published before the first publication week.
FIRST_WEEK = publication_weeks.get_first_partition_key()


@asset(group_name="collect", description="Crawl the DOJ and Commission sources; one JSON-lines file per spider and crawl.")
def crawled_items(
    context: AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource
) -> MaterializeResult:
    crawl_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + context.run.run_id[:8]
    crawl_dir = beside(warehouse.path(), "raw") / "crawls" / crawl_id
    settings = sources.resolved()
    counts = {}
    for spider in SPIDERS:
        output = run_crawl(spider, crawl_dir, settings, {"since": FIRST_WEEK})
        context.log.info(f"crawl {spider}: {output.items} items into {output.items_file}")
        counts[spider] = output.items
    return MaterializeResult(
        metadata={
            "crawl_dir": MetadataValue.path(str(crawl_dir)),
            **{f"{spider}_items": n for spider, n in counts.items()},
            **{name: MetadataValue.url(settings[name]) for name in ("DOJ_BASE_URL", "PRESSCORNER_BASE_URL")},
        }
    )


@asset(group_name="collect", deps=[crawled_items], description="Every document version the crawls found; a new version only when the content changed.")
def raw_documents(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    crawls = beside(warehouse.path(), "raw") / "crawls"
    loaded = []
    with warehouse.get_connection() as conn:
        for items_file in sorted(crawls.glob("*/*.jsonl")):
            result = load_crawl_file(conn, items_file)
            if not result.already_loaded:
                loaded.append(result)
                context.log.info(
                    f"{items_file}: {result.items} items, {result.new_versions} new versions, "
                    f"{result.rejected} rejected"
                )
        total = conn.execute("SELECT count(DISTINCT doc_id), count(*) FROM raw_documents").fetchone()
    return MaterializeResult(
        metadata={
            "files_loaded": len(loaded),
            "new_versions": sum(r.new_versions for r in loaded),
            "rejected_items": sum(r.rejected for r in loaded),
            "documents": total[0],
            "versions": total[1],
        }
    )
