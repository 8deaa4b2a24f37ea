"""Extract: clean text and a trustworthy date for every document version not yet extracted."""

from dagster import AssetExecutionContext, AutomationCondition, MaterializeResult, asset

from pipelines.assets.collect import raw_documents
from pipelines.extraction import EXTRACTOR_VERSION, extract_document
from pipelines.partitions import publication_weeks, single_run, week_window
from pipelines.resources import WarehouseResource
from pipelines.workers import parallel_map
from warehouse.texts import ExtractedRow, PendingDocument, pending_extraction, save_extracted


def extracted_row(doc: PendingDocument) -> ExtractedRow:
    extracted = extract_document(doc.html, doc.url)
    # The API's date first; the page's own date only when the API gave none; never the crawl date.
    if doc.published is not None:
        published, date_source = doc.published, "api"
    elif extracted.page_date is not None:
        published, date_source = extracted.page_date, "page"
    else:
        published, date_source = None, None
    return ExtractedRow(doc.doc_id, doc.version, extracted.text, published, date_source, EXTRACTOR_VERSION)


@asset(
    group_name="transform", deps=[raw_documents], partitions_def=publication_weeks,
    backfill_policy=single_run, automation_condition=AutomationCondition.eager(),
    description="Text extracted with trafilatura from each document version published in the week (and undated ones).",
)
def extracted_texts(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    start, end = week_window(context)
    extracted = empty = 0
    with warehouse.get_connection() as conn, parallel_map() as map_rows:
        for batch in pending_extraction(conn, start, end):
            rows = map_rows(extracted_row, batch)
            save_extracted(conn, rows)
            extracted += len(rows)
            empty += sum(1 for row in rows if not row.text)
        undated = conn.execute("SELECT count(*) FROM extracted_texts WHERE published IS NULL").fetchone()[0]
    context.log.info(f"extracted {extracted} versions published {start}..{end} or undated ({empty} without text)")
    return MaterializeResult(
        metadata={"weeks": f"{start} to {end}", "extracted_now": extracted, "without_text_now": empty,
                  "undated_total": undated}
    )
