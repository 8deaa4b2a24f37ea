"""Tag: relevance, members and goals with evidence, under the current codebook version."""

from dagster import (
    AssetExecutionContext,
    AutomationCondition,
    MaterializeResult,
    MetadataValue,
    asset,
)

from pipelines.assets.extract import extracted_texts
from pipelines.metadata import markdown_table
from pipelines.partitions import first_publication_week, publication_weeks, single_run, week_window
from pipelines.processing import tag_pending
from pipelines.reference_files import GOALS_CSV, ROSTER_CSV
from pipelines.resources import WarehouseResource
from warehouse.sql import query
from warehouse.tags import load_reference


@asset(group_name="reference", description="The Alliance roster (members with join dates) and the four policy goals.")
def alliance_reference(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        members, goals = load_reference(conn, str(ROSTER_CSV), str(GOALS_CSV), first_publication_week())
    return MaterializeResult(metadata={"members": members, "goals": goals})


@asset(
    group_name="transform", deps=[extracted_texts, alliance_reference], partitions_def=publication_weeks,
    backfill_policy=single_run, automation_condition=AutomationCondition.eager(),
    description="Relevance, member and goal tags and implementation events (member x goal x action or "
                "commitment), each with its evidence sentence and codebook version.",
)
def document_tags(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    start, end = week_window(context)
    with warehouse.get_connection() as conn:
        before = conn.execute(query("metadata_newest_tagging")).fetchone()[0]
        counts = tag_pending(conn, start, end)
        if counts.untagged_elsewhere:
            context.log.warning(
                f"codebook {counts.codebook_version}: {counts.untagged_elsewhere} versions outside "
                f"{start}..{end} still untagged; the views keep the previous codebook until a run covers every week"
            )
        preview = conn.execute(query("metadata_new_tags"), {"after": before}).fetchall()
    context.log.info(f"tagged {counts.tagged} versions with codebook {counts.codebook_version}")
    return MaterializeResult(
        metadata={
            "weeks": f"{start} to {end}",
            "codebook_version": counts.codebook_version,
            "tagged_now": counts.tagged,
            "member_tags_now": counts.member_tags,
            "goal_tags_now": counts.goal_tags,
            "events_now": counts.events,
            "untagged_elsewhere": counts.untagged_elsewhere,
            "preview": MetadataValue.md(markdown_table(["document", "goal", "mode", "evidence"], preview)),
        }
    )
