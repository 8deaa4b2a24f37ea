-- End a near-duplicate pass: every pending document's current text is now compared.
-- (The caller drops the temp table duplicate_pending afterwards.)
INSERT OR REPLACE INTO duplicate_scans
SELECT e.doc_id, e.version, md5(COALESCE(e.text, '')), $scanned_at
FROM extracted_texts AS e
JOIN (SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id) USING (doc_id, version)
SEMI JOIN duplicate_pending USING (doc_id);
