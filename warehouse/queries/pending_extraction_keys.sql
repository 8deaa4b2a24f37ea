-- The document versions not yet extracted, published in [$start, $end) by the API's date,
-- or undated (an undated version belongs to no week, so every run looks at it until it is extracted),
-- or a revision (version > 1): a release revised years later is found by the weekly crawl, and the
-- run that found it carries it through, whatever week the release was published in.
-- Row ids only, numbered into batches of $batch_size in storage order: pending_extraction then reads
-- one batch's HTML at a time (a single query over all of them would let the scan run ahead by
-- vectors of 2,048 pages, hundreds of MB).
CREATE OR REPLACE TEMP TABLE pending_extraction_keys AS
SELECT r.rowid AS row_id, (row_number() OVER (ORDER BY r.rowid) - 1) // $batch_size AS batch
FROM raw_documents AS r
ANTI JOIN extracted_texts AS e USING (doc_id, version)
WHERE (r.published >= $start AND r.published < $end) OR r.published IS NULL OR r.version > 1
ORDER BY row_id;
