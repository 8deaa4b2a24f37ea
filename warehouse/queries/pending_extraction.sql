-- The versions listed in pending_extraction_keys, with their HTML, streamed in storage order (sorting
-- would hold every pending page in memory at once).
SELECT r.doc_id, r.version, r.html, r.url, r.published, r.source, r.title
FROM raw_documents AS r
SEMI JOIN pending_extraction_keys AS k USING (doc_id, version);
