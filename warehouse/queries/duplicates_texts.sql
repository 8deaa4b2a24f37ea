-- The texts a near-duplicate pass compares: current versions with text published within
-- $window_days of a pending document (undated ones only when a pending document is undated: they
-- form a block of their own), in date order, undated last; is_new marks the pending ones.
WITH current_texts AS (
    SELECT e.doc_id, e.version, r.source, e.published, e.text_language, e.text
    FROM extracted_texts AS e
    JOIN (SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id) USING (doc_id, version)
    JOIN raw_documents AS r USING (doc_id, version)
    WHERE trim(COALESCE(e.text, '')) <> ''
), pending_days AS (
    SELECT DISTINCT c.published
    FROM current_texts AS c
    SEMI JOIN duplicate_pending AS p USING (doc_id)
)
SELECT c.doc_id, c.version, c.source, c.published, c.text_language, c.text,
       c.doc_id IN (SELECT doc_id FROM duplicate_pending) AS is_new
FROM current_texts AS c
WHERE EXISTS (
    SELECT 1 FROM pending_days AS d
    WHERE (c.published BETWEEN d.published - $window_days AND d.published + $window_days)
       OR (c.published IS NULL AND d.published IS NULL)
)
ORDER BY c.published NULLS LAST, c.doc_id;
