"""Tag: relevance, members and goals with evidence, under the current codebook version."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from pipelines.assets.extract import extracted_texts
from pipelines.resources import WarehouseResource
from pipelines.tagging import TagInput, Tagger
from pipelines.reference_files import GOALS_CSV, ROSTER_CSV
from warehouse.tags import load_reference, pending_tagging, save_tag_results, set_current_codebook


@asset(group_name="reference", description="The Alliance roster (members with join dates) and the four policy goals.")
def alliance_reference(warehouse: WarehouseResource) -> MaterializeResult:
    with warehouse.get_connection() as conn:
        members, goals = load_reference(conn, str(ROSTER_CSV), str(GOALS_CSV))
    return MaterializeResult(metadata={"members": members, "goals": goals})


@asset(group_name="transform", deps=[extracted_texts, alliance_reference], description="Relevance, member and goal tags, each with its evidence sentence and codebook version.")
def document_tags(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    tagger = Tagger.from_reference()
    version = tagger.codebook_version
    counts = [0, 0, 0]
    with warehouse.get_connection() as conn:
        for batch in pending_tagging(conn, version):
            tagged = [
                (doc, tagger.tag(TagInput(id=doc.doc_id, source=doc.source, title=doc.title or "",
                                          text=doc.text or "", published=doc.published)))
                for doc in batch
            ]
            counts = [a + b for a, b in zip(counts, save_tag_results(conn, tagged))]
        set_current_codebook(conn, version)
        preview = conn.execute(
            "SELECT doc_id, goal, mode, evidence_sentence FROM current_document_goals "
            "ORDER BY doc_id, goal LIMIT 10"
        ).fetchall()
    context.log.info(f"tagged {counts[0]} versions with codebook {version}")
    table = "\n".join(f"| {d} | {g} | {m} | {s[:120]} |" for d, g, m, s in preview)
    return MaterializeResult(
        metadata={
            "codebook_version": version,
            "tagged_now": counts[0],
            "member_tags_now": counts[1],
            "goal_tags_now": counts[2],
            "preview": MetadataValue.md("| doc | goal | mode | evidence |\n|---|---|---|---|\n" + table),
        }
    )
