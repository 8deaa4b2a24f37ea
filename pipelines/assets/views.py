"""Views: the researcher-facing views over the current versions and codebook."""


from dagster import AutomationCondition, MaterializeResult, MetadataValue, asset

from pipelines.assets.tag import document_tags
from pipelines.partitions import publication_weeks, single_run
from pipelines.resources import WarehouseResource
from warehouse.publish import publish


@asset(group_name="warehouse", deps=[document_tags], partitions_def=publication_weeks, backfill_policy=single_run,
       automation_condition=AutomationCondition.eager(), description="Researcher views, e.g. goal_activity_quarterly (goal x quarter).")
def researcher_views(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:  # opening applies migrations and (re)creates the views
        rows = conn.execute("SELECT * FROM goal_activity_quarterly ORDER BY quarter DESC, goal LIMIT 12").fetchall()
        documents = conn.execute("SELECT count(*), count(*) FILTER (WHERE relevant) FROM documents").fetchone()
    table = "\n".join(f"| {g} | {q} | {n} | {a} | {c} |" for g, q, n, a, c in rows)
    return MaterializeResult(
        metadata={
            "documents": documents[0],
            "relevant_documents": documents[1],
            "latest_quarters": MetadataValue.md(
                "| goal | quarter | documents | actions | commitments |\n|---|---|---|---|---|\n" + table
            ),
        }
    )


@asset(group_name="warehouse", deps=[researcher_views], partitions_def=publication_weeks, backfill_policy=single_run,
       automation_condition=AutomationCondition.eager(), description="Read-only copy of the warehouse for researchers (warehouse/published/), replaced atomically after each run.")
def published_warehouse(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        target = publish(conn, warehouse.path())
    return MaterializeResult(metadata={"path": MetadataValue.path(str(target)),
                                       "bytes": target.stat().st_size})
