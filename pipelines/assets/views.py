"""Views: the researcher-facing views, the published copy, and the report drawn from it.

Each covers the whole warehouse whatever weeks a run covered, so none is partitioned by week: a run
materializes each once (with the weekly assets before them, whatever the run's weeks), and the UI
shows one materialization per run, not one per week."""

import base64

from dagster import AutomationCondition, MaterializeResult, MetadataValue, asset

from pipelines.assets.extract import near_duplicate_links
from pipelines.assets.tag import document_tags
from pipelines.metadata import markdown_table
from pipelines.resources import WarehouseResource
from warehouse.location import beside
from warehouse.publish import publish, published_path
from warehouse.sql import query


@asset(group_name="warehouse", deps=[document_tags, near_duplicate_links], automation_condition=AutomationCondition.eager(), description="Researcher views, e.g. goal_activity_quarterly (goal x quarter).")
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


@asset(group_name="warehouse", deps=[researcher_views], automation_condition=AutomationCondition.eager(),
       description="Read-only copy of the warehouse for researchers (warehouse/published/), replaced "
                   "atomically after each run.")
def published_warehouse(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        target = publish(conn, warehouse.path())
    return MaterializeResult(metadata={"path": MetadataValue.path(str(target)),
                                       "bytes": target.stat().st_size})


def _embedded_png(path) -> str:
    # The UI renders markdown images; a data URI keeps the chart inside the run's metadata.
    return f"![{path.stem}](data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"


@asset(group_name="warehouse", deps=[published_warehouse], automation_condition=AutomationCondition.eager(),
       description="The researchers' report (warehouse/report/index.html: the explorer; print.html with PNG "
                   "charts), from the published copy.")
def research_report(warehouse: WarehouseResource) -> MaterializeResult:
    from pipelines.report import write_report  # matplotlib loads only for this step

    target = warehouse.path()
    report = write_report(published_path(target), beside(target, "report"))
    # Every chart, but only the first page of member timelines: the rest are in the report.
    shown = [chart for chart in report.charts
             if not chart.stem.startswith("member_timelines_") or chart.stem == "member_timelines_01"]
    return MaterializeResult(metadata={
        "index": MetadataValue.path(str(report.index)),
        "printable": MetadataValue.path(str(report.printable)), "charts": len(report.charts),
        "coverage": report.coverage_note,
        **{chart.stem: MetadataValue.md(_embedded_png(chart)) for chart in shown},
    })
