-- Which staged lines become which new version: each staged document whose content differs from its
-- latest stored version, as the next version. The same document twice in one crawl (e.g. on two
-- listing pages) is stored once, from its first line. Keys only.
CREATE OR REPLACE TEMP TABLE raw_new_versions AS
WITH first_of_each AS (
    SELECT ordinal, doc_id, content_sha256 FROM raw_staging
    QUALIFY row_number() OVER (PARTITION BY doc_id, content_sha256 ORDER BY ordinal) = 1
), latest AS (
    SELECT doc_id, version, content_sha256 FROM raw_documents
    QUALIFY version = max(version) OVER (PARTITION BY doc_id)
)
SELECT f.ordinal, f.doc_id, f.content_sha256,
       COALESCE(l.version, 0) + row_number() OVER (PARTITION BY f.doc_id ORDER BY f.ordinal) AS version
FROM first_of_each AS f
LEFT JOIN latest AS l USING (doc_id)
WHERE l.content_sha256 IS DISTINCT FROM f.content_sha256;
