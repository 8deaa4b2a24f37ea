"""Tag: relevance, members and goals with evidence, under the current codebook version."""

from dagster import AssetExecutionContext, AutomationCondition, MaterializeResult, MetadataValue, asset

from pipelines.assets.extract import extracted_texts
from pipelines.partitions import publication_weeks, single_run, week_window
from pipelines.reference_files import GOALS_CSV, ROSTER_CSV
from pipelines.resources import WarehouseResource
from pipelines.tagging import TagInput, Tagger
from warehouse.tags import count_pending_tagging, load_reference, pending_tagging, save_tag_results, set_current_codebook


@asset(group_name="reference", description="The Alliance roster (members with join dates) and the four policy goals.")
def alliance_reference(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        members, goals = load_reference(conn, str(ROSTER_CSV), str(GOALS_CSV))
    return MaterializeResult(metadata={"members": members, "goals": goals})


def _tag(tagger: Tagger, doc):
    return tagger.tag(TagInput(id=doc.doc_id, source=doc.source, title=doc.title or "",
                               text=doc.text or "", published=doc.published))


@asset(
    group_name="transform", deps=[extracted_texts, alliance_reference], partitions_def=publication_weeks,
    backfill_policy=single_run, automation_condition=AutomationCondition.eager(),
    description="Relevance, member and goal tags, each with its evidence sentence and codebook version.",
)
def document_tags(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    tagger = Tagger.from_reference()
    version = tagger.codebook_version
    start, end = week_window(context)
    counts = [0, 0, 0]
    with warehouse.get_connection() as conn:
        for batch in pending_tagging(conn, version, start, end):
            tagged = [(doc, _tag(tagger, doc)) for doc in batch]
            counts = [a + b for a, b in zip(counts, save_tag_results(conn, tagged))]
        # The views switch to a new codebook only once every document carries its tags, so a
        # trend line never mixes two codebooks.
        untagged = count_pending_tagging(conn, version)
        if untagged == 0:
            set_current_codebook(conn, version)
        else:
            context.log.warning(
                f"codebook {version}: {untagged} versions outside {start}..{end} still untagged; "
                "the views keep the previous codebook until a run covers every week"
            )
        preview = conn.execute(
            "SELECT doc_id, goal, mode, evidence_sentence FROM current_document_goals "
            "ORDER BY doc_id, goal LIMIT 10"
        ).fetchall()
    context.log.info(f"tagged {counts[0]} versions with codebook {version}")
    table = "\n".join(f"| {d} | {g} | {m} | {s[:120]} |" for d, g, m, s in preview)
    return MaterializeResult(
        metadata={
            "weeks": f"{start} to {end}",
            "codebook_version": version,
            "tagged_now": counts[0],
            "member_tags_now": counts[1],
            "goal_tags_now": counts[2],
            "untagged_elsewhere": untagged,
            "preview": MetadataValue.md("| doc | goal | mode | evidence |\n|---|---|---|---|\n" + table),
        }
    )
