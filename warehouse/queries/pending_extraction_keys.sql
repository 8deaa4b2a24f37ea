-- The keys of the document versions not yet extracted, published in [$start, $end) by the API's date,
-- or undated (an undated version belongs to no week, so every run looks at it until it is extracted),
-- or a revision (version > 1): a release revised years later is found by the weekly crawl, and the
-- run that found it carries it through, whatever week the release was published in.
-- Keys only: with the HTML in it, the join could hash the whole corpus.
CREATE OR REPLACE TEMP TABLE pending_extraction_keys AS
SELECT r.doc_id, r.version
FROM raw_documents AS r
ANTI JOIN extracted_texts AS e USING (doc_id, version)
WHERE (r.published >= $start AND r.published < $end) OR r.published IS NULL OR r.version > 1;
