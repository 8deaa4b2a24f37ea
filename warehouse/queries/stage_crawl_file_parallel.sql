-- Stage the keys of one crawl output file, read on every core: which document, and the hash of its
-- content where the document is stored already. No line numbers (numbering lines in file order would make DuckDB read on one thread): when no
-- document is on two of these lines, as in most crawls, the id alone finds a document's line again
-- (insert_new_versions_by_doc_id); otherwise the loader stages the file again with line numbers
-- (stage_crawl_file). No HTML: pages are read again from the file, only for the new versions, so a
-- crawl larger than memory streams through instead of being copied.
-- $path: the file; $source: the one source it is loaded for. Lines that are not JSON, are of another
-- source or lack an identity are left out and counted by the caller.
CREATE OR REPLACE TEMP TABLE raw_staging AS
SELECT
    source || ':' || source_id AS doc_id,
    source,
    -- hashed here only where there is a stored version to compare with; a new document's page is
    -- hashed once, when it is read again to be stored (insert_new_versions_by_doc_id)
    CASE WHEN source || ':' || source_id IN (SELECT doc_id FROM raw_documents)
         THEN item_content_sha256(title, html, published) END AS content_sha256,
    COALESCE(aliases, []) AS aliases,
    TRY_CAST(fetched_at AS TIMESTAMP) AS fetched_at,
    $path AS crawl_file
FROM crawl_file_items($path)
WHERE source = $source AND COALESCE(source_id, '') <> '';
