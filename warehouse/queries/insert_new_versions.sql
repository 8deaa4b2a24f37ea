-- Store each staged document whose content differs from its latest stored version, as the next version.
-- The same document twice in one crawl (e.g. on two listing pages) is stored once.
INSERT INTO raw_documents
WITH distinct_staged AS (
    SELECT * FROM raw_staging
    QUALIFY row_number() OVER (PARTITION BY doc_id, content_sha256 ORDER BY ordinal) = 1
), latest AS (
    SELECT doc_id, version, content_sha256 FROM raw_documents
    QUALIFY version = max(version) OVER (PARTITION BY doc_id)
), changed AS (
    SELECT s.*, COALESCE(l.version, 0) AS base_version
    FROM distinct_staged AS s
    LEFT JOIN latest AS l USING (doc_id)
    WHERE l.content_sha256 IS DISTINCT FROM s.content_sha256
)
SELECT
    doc_id,
    base_version + row_number() OVER (PARTITION BY doc_id ORDER BY ordinal) AS version,
    source, source_id, url, fetch_url, title, published, language, languages, html,
    content_sha256, fetched_at, api_metadata, crawl_file
FROM changed;
