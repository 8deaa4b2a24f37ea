-- Near-duplicates: the same release under two DOJ components, or the same text in two languages.
-- document_canonical maps every current document to the canonical document that stands for it
-- (itself when it repeats nothing); canonical_documents has one row per release, so that
-- `count(*)` counts each release once. A link counts only while both documents are still at the
-- versions that were compared.
CREATE OR REPLACE VIEW document_canonical AS
WITH valid_links AS (
    SELECT l.*
    FROM document_duplicates AS l
    JOIN documents AS d ON d.doc_id = l.doc_id AND d.version = l.version
    JOIN documents AS c ON c.doc_id = l.canonical_doc_id AND c.version = l.canonical_version
)
SELECT
    d.doc_id,
    COALESCE(l.canonical_doc_id, d.doc_id) AS canonical_doc_id,
    l.doc_id IS NULL AS is_canonical,
    l.similarity,
    l.method
FROM documents AS d
LEFT JOIN valid_links AS l USING (doc_id);

CREATE OR REPLACE VIEW canonical_documents AS
WITH groups AS (
    SELECT
        canonical_doc_id,
        count(*) AS copies,
        list(doc_id ORDER BY doc_id) FILTER (WHERE NOT is_canonical) AS duplicate_doc_ids
    FROM document_canonical
    GROUP BY canonical_doc_id
)
SELECT d.*, g.copies, COALESCE(g.duplicate_doc_ids, []) AS duplicate_doc_ids
FROM documents AS d
JOIN groups AS g ON g.canonical_doc_id = d.doc_id;
