-- Document versions not yet extracted.
SELECT r.doc_id, r.version, r.html, r.url, r.published
FROM raw_documents AS r
ANTI JOIN extracted_texts AS e USING (doc_id, version)
ORDER BY r.doc_id, r.version;
