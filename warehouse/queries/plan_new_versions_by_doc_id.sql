-- Which staged documents become a new version, for a file where each document is on one line
-- (plan_new_versions handles the others): each one whose content differs from its latest stored
-- version (or that has none: its hash is still to be taken), as the next version. Keys only.
CREATE OR REPLACE TEMP TABLE raw_new_versions AS
WITH latest AS (
    SELECT doc_id, version, content_sha256 FROM raw_documents
    QUALIFY version = max(version) OVER (PARTITION BY doc_id)
)
SELECT s.doc_id, s.content_sha256, COALESCE(l.version, 0) + 1 AS version
FROM raw_staging AS s
LEFT JOIN latest AS l USING (doc_id)
WHERE l.doc_id IS NULL OR l.content_sha256 IS DISTINCT FROM s.content_sha256;
