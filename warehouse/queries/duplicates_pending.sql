-- Start a near-duplicate pass: the temp table duplicate_pending holds the documents to compare now —
-- current versions whose text was never compared (new document, new version, or a text that
-- extraction changed) and the documents linked to one of those (their link was made against the old
-- text). Their links, both ways, and their scan marks are dropped; the pass writes them anew.
CREATE OR REPLACE TEMP TABLE duplicate_pending AS
WITH current_texts AS (
    SELECT e.doc_id, e.version, md5(COALESCE(e.text, '')) AS text_md5
    FROM extracted_texts AS e
    JOIN (SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id) USING (doc_id, version)
), changed AS (
    SELECT c.doc_id
    FROM current_texts AS c
    LEFT JOIN duplicate_scans AS s USING (doc_id)
    WHERE s.doc_id IS NULL OR s.version <> c.version OR s.text_md5 <> c.text_md5
)
SELECT doc_id FROM changed
UNION
SELECT l.doc_id FROM document_duplicates AS l JOIN changed AS c ON l.canonical_doc_id = c.doc_id;

DELETE FROM document_duplicates
WHERE doc_id IN (SELECT doc_id FROM duplicate_pending)
   OR canonical_doc_id IN (SELECT doc_id FROM duplicate_pending);

DELETE FROM duplicate_scans WHERE doc_id IN (SELECT doc_id FROM duplicate_pending);

SELECT count(*) FROM duplicate_pending;
