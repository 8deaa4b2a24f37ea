-- What a citation of one document needs, for the document named $name (its doc_id or any alias): its
-- current version, the date the views give it, the source's own release number (DOJ API `number`),
-- when it was fetched, and the archived response it was read from (the WARC record of its fetch URL
-- closest in time to the fetch). One row per document the name matches.
WITH wanted AS (
    SELECT doc_id FROM raw_documents WHERE doc_id = $name
    UNION
    SELECT doc_id FROM document_aliases WHERE alias = $name
), latest AS (
    SELECT r.* FROM raw_documents AS r JOIN wanted USING (doc_id)
    QUALIFY r.version = max(r.version) OVER (PARTITION BY r.doc_id)
), archived AS (
    SELECT l.doc_id, w.warc_file, w."offset", w.sha256
    FROM latest AS l JOIN warc_records AS w ON w.url = l.fetch_url
    QUALIFY row_number() OVER (
        PARTITION BY l.doc_id
        ORDER BY abs(epoch(w.fetched_at) - epoch(l.fetched_at)) NULLS LAST, w.warc_file, w."offset") = 1
)
SELECT l.doc_id, l.source, l.source_id, l.title, COALESCE(e.published, l.published) AS published, l.url,
       json_extract_string(l.api_metadata, '$.number') AS release_number, l.fetched_at,
       a.warc_file, a."offset" AS warc_offset, a.sha256 AS warc_sha256
FROM latest AS l
LEFT JOIN extracted_texts AS e USING (doc_id, version)
LEFT JOIN archived AS a USING (doc_id)
ORDER BY l.doc_id;
