"""Views: the researcher-facing views, the published copy, and the report drawn from it."""

import base64

from dagster import (
    AssetExecutionContext,
    AssetMaterialization,
    AutomationCondition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.assets.extract import near_duplicate_links
from pipelines.assets.tag import document_tags
from pipelines.metadata import markdown_table
from pipelines.partitions import publication_weeks, single_run
from pipelines.resources import WarehouseResource
from warehouse.location import beside
from warehouse.publish import publish, published_path
from warehouse.sql import query


@asset(group_name="warehouse", deps=[document_tags, near_duplicate_links], partitions_def=publication_weeks, backfill_policy=single_run,
       automation_condition=AutomationCondition.eager(), description="Researcher views, e.g. goal_activity_quarterly (goal x quarter).")
def researcher_views(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:  # the run's setup migrated the schema and its views
        rows = conn.execute(query("metadata_latest_quarters")).fetchall()
        documents = conn.execute(query("metadata_views_overview")).fetchone()
    return MaterializeResult(
        metadata={
            "documents": documents[0],
            "relevant_documents": documents[1],
            "latest_quarters": MetadataValue.md(
                markdown_table(["goal", "quarter", "documents", "actions", "commitments"], rows)),
        }
    )


@asset(group_name="warehouse", deps=[researcher_views], partitions_def=publication_weeks, backfill_policy=single_run,
       automation_condition=AutomationCondition.eager(), description="Read-only copy of the warehouse for researchers (warehouse/published/), replaced atomically after each run.")
def published_warehouse(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        target = publish(conn, warehouse.path())
    return MaterializeResult(metadata={"path": MetadataValue.path(str(target)),
                                       "bytes": target.stat().st_size})


def _embedded_png(path) -> str:
    # The UI renders markdown images; a data URI keeps the chart inside the run's metadata.
    return f"![{path.stem}](data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"


@asset(group_name="warehouse", deps=[published_warehouse], partitions_def=publication_weeks,
       backfill_policy=single_run, automation_condition=AutomationCondition.eager(), output_required=False,
       description="The researchers' report (warehouse/report/index.html: the explorer; print.html with PNG "
                   "charts), from the published copy.")
def research_report(context: AssetExecutionContext, warehouse: WarehouseResource):
    from pipelines.report import write_report  # matplotlib loads only for this step

    target = warehouse.path()
    report = write_report(published_path(target), beside(target, "report"))
    # The report covers the whole warehouse whatever weeks the run covered. Its charts go into the
    # newest week's materialization only, which the UI shows as the asset's latest: in every week of
    # a backfill they would repeat ~0.5 MB of images hundreds of times in the event log.
    weeks = context.partition_keys
    summary = {"index": MetadataValue.path(str(report.index)),
               "printable": MetadataValue.path(str(report.printable)), "charts": len(report.charts),
               "charts_shown_with_week": weeks[-1]}
    for week in weeks[:-1]:
        context.log_event(AssetMaterialization(context.asset_key, partition=week, metadata=summary))
    # Every chart, but only the first page of member timelines: the rest are in the report.
    shown = [chart for chart in report.charts
             if not chart.stem.startswith("member_timelines_") or chart.stem == "member_timelines_01"]
    context.log_event(AssetMaterialization(context.asset_key, partition=weeks[-1], metadata={
        **summary, "coverage": report.coverage_note,
        **{chart.stem: MetadataValue.md(_embedded_png(chart)) for chart in shown},
    }))
    yield from ()  # the materializations above are the asset's; no output to store
