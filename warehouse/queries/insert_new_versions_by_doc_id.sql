-- Store the versions planned in raw_new_versions, reading their pages from the file $path again, on
-- every core: each planned document is on one line of the file, so its id finds that line. Filtering
-- on $source keeps a line of another source out even where its source and id would spell the same
-- doc_id ('doj:a' + 'b' and 'doj' + 'a:b'). If the file changed since it was staged, a document may
-- match twice or not at all: the caller compares the rows stored with the rows planned.
-- The file streams through the join; raw_new_versions (keys) must be the side the join builds, which
-- the caller ensures (the reader's row estimate for a file is a guess).
INSERT INTO raw_documents
    (doc_id, version, source, source_id, url, fetch_url, title, published, language, languages, html,
     content_sha256, fetched_at, api_metadata, crawl_file, subtitle)
SELECT n.doc_id, n.version, s.source, s.source_id, s.url, s.fetch_url, s.title,
       TRY_CAST(s.published AS DATE), lower(s.language), s.languages, s.html,
       COALESCE(n.content_sha256, item_content_sha256(s.title, s.html, s.published)),
       TRY_CAST(s.fetched_at AS TIMESTAMP), s.api, $path, NULLIF(trim(s.subtitle), '')
FROM crawl_file_items($path) AS s
JOIN raw_new_versions AS n ON s.source || ':' || s.source_id = n.doc_id
WHERE s.source = $source;
