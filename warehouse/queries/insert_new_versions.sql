-- Store each staged document whose content differs from its latest stored version, as the next version.
-- The same document twice in one crawl (e.g. on two listing pages) is stored once.
-- The windows and joins work on keys only; the HTML joins back at the end, so a crawl larger than
-- memory streams through instead of being sorted whole.
INSERT INTO raw_documents
    (doc_id, version, source, source_id, url, fetch_url, title, published, language, languages, html,
     content_sha256, fetched_at, api_metadata, crawl_file)
WITH staged_keys AS (
    SELECT ordinal, doc_id, content_sha256 FROM raw_staging
), first_of_each AS (
    SELECT * FROM staged_keys
    QUALIFY row_number() OVER (PARTITION BY doc_id, content_sha256 ORDER BY ordinal) = 1
), latest AS (
    SELECT doc_id, version, content_sha256 FROM raw_documents
    QUALIFY version = max(version) OVER (PARTITION BY doc_id)
), numbered AS (
    SELECT f.ordinal,
           COALESCE(l.version, 0) + row_number() OVER (PARTITION BY f.doc_id ORDER BY f.ordinal) AS version
    FROM first_of_each AS f
    LEFT JOIN latest AS l USING (doc_id)
    WHERE l.content_sha256 IS DISTINCT FROM f.content_sha256
)
SELECT s.doc_id, n.version, s.source, s.source_id, s.url, s.fetch_url, s.title, s.published, s.language,
       s.languages, s.html, s.content_sha256, s.fetched_at, s.api_metadata, s.crawl_file
FROM raw_staging AS s
JOIN numbered AS n USING (ordinal);
