-- The document versions not yet extracted, published in [$start, $end) by the API's date,
-- or undated (an undated version belongs to no week, so every run looks at it until it is extracted),
-- or a revision (version > 1): a release revised years later is found by the weekly crawl, and the
-- run that found it carries it through, whatever week the release was published in.
-- Row ids only, grouped by the storage vector ($vector_size rows) each lies in: DuckDB decompresses
-- a page column a whole vector at a time, so pending_extraction reads each vector once, and only one
-- vector's HTML is in memory at a time (a single query over all of them would let the scan run
-- ahead by many vectors, hundreds of MB).
CREATE OR REPLACE TEMP TABLE pending_extraction_keys AS
SELECT r.rowid AS row_id, r.rowid // $vector_size AS batch
FROM raw_documents AS r
ANTI JOIN extracted_texts AS e USING (doc_id, version)
WHERE (r.published >= $start AND r.published < $end) OR r.published IS NULL OR r.version > 1
ORDER BY row_id;
