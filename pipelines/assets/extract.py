"""Extract: clean text and a trustworthy date for every document version not yet extracted."""


from dagster import AssetExecutionContext, MaterializeResult, asset

from pipelines.assets.collect import raw_documents
from pipelines.extraction import EXTRACTOR_VERSION, extract_document
from pipelines.resources import WarehouseResource
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


@asset(group_name="transform", deps=[raw_documents], description="Text extracted with trafilatura from each document version.")
def extracted_texts(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    extracted = empty = 0
    with warehouse.get_connection() as conn:
        for batch in pending_extraction(conn):
            rows = [extracted_row(doc) for doc in batch]
            save_extracted(conn, rows)
            extracted += len(rows)
            empty += sum(1 for row in rows if not row.text)
        undated = conn.execute("SELECT count(*) FROM extracted_texts WHERE published IS NULL").fetchone()[0]
    context.log.info(f"extracted {extracted} versions ({empty} without text)")
    return MaterializeResult(
        metadata={"extracted_now": extracted, "without_text_now": empty, "undated_total": undated}
    )
