-- Store the versions planned in raw_new_versions, reading their pages from the file $path again.
-- The file streams through the join; raw_new_versions (keys) must be the side the join builds, which
-- the caller ensures (the reader's row estimate for a file is a guess).
INSERT INTO raw_documents
    (doc_id, version, source, source_id, url, fetch_url, title, published, language, languages, html,
     content_sha256, fetched_at, api_metadata, crawl_file, subtitle)
SELECT n.doc_id, n.version, s.source, s.source_id, s.url, s.fetch_url, s.title,
       TRY_CAST(s.published AS DATE), lower(s.language), s.languages, s.html, n.content_sha256,
       TRY_CAST(s.fetched_at AS TIMESTAMP), s.api, $path, NULLIF(trim(s.subtitle), '')
FROM crawl_file_lines($path) AS s
JOIN raw_new_versions AS n ON s.ordinal = n.ordinal AND s.source || ':' || s.source_id = n.doc_id;
