"""Extract: clean text and a trustworthy date for every document version not yet extracted."""

from dagster import (
    AssetExecutionContext,
    AutomationCondition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.assets.collect import raw_documents
from pipelines.metadata import markdown_table
from pipelines.partitions import publication_weeks, single_run, week_window
from pipelines.processing import extract_pending, link_near_duplicates
from pipelines.resources import WarehouseResource
from warehouse.sql import query


@asset(
    group_name="transform", deps=[raw_documents], partitions_def=publication_weeks,
    backfill_policy=single_run, automation_condition=AutomationCondition.eager(),
    description="Text extracted with trafilatura from each document version published in the week (and undated ones).",
)
def extracted_texts(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    start, end = week_window(context)
    with warehouse.get_connection() as conn:
        before, _ = conn.execute(query("metadata_extraction_state")).fetchone()
        counts = extract_pending(conn, start, end)
        _, undated = conn.execute(query("metadata_extraction_state")).fetchone()
        new = conn.execute(query("metadata_new_documents"), {"after": before}).fetchall() if counts.extracted else []
    context.log.info(f"extracted {counts.extracted} versions published {start}..{end} or undated "
                     f"({counts.without_text} without text)")
    return MaterializeResult(
        metadata={"weeks": f"{start} to {end}", "extracted_now": counts.extracted,
                  "without_text_now": counts.without_text, "undated_total": undated,
                  "new_documents": MetadataValue.md(markdown_table(
                      ["document", "published", "title", "opening"], new))}
    )


@asset(
    group_name="transform", deps=[extracted_texts], partitions_def=publication_weeks,
    backfill_policy=single_run, automation_condition=AutomationCondition.eager(),
    description="Near-duplicates (one release under two DOJ components, one Commission text in two languages) linked to one canonical document.",
)
def near_duplicate_links(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    # Not limited to the run's weeks: a document is compared with its neighbours whatever week they fall in.
    with warehouse.get_connection() as conn:
        linked = link_near_duplicates(conn)
        total = conn.execute(query("metadata_duplicate_links")).fetchone()[0]
    context.log.info(f"linked {linked} near-duplicates to their canonical documents")
    return MaterializeResult(metadata={"linked_now": linked, "linked_total": total})
