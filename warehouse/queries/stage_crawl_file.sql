-- Stage the keys of one crawl output file for loading: which line holds which document, with what
-- content hash. Line numbers cost a read on one thread, so the loader stages this way only a file
-- where some document is on several lines (stage_crawl_file_parallel finds out). No HTML: the pages are read again from the file by insert_new_versions, only for the
-- versions that are new, so a crawl larger than memory streams through instead of being copied.
-- $path: the file; $source: the one source it is loaded for. Lines that are not JSON, are of another
-- source or lack an identity are left out and counted by the caller.
CREATE OR REPLACE TEMP TABLE raw_staging AS
SELECT
    ordinal,
    source || ':' || source_id AS doc_id,
    source,
    item_content_sha256(title, html, published) AS content_sha256,
    COALESCE(aliases, []) AS aliases,
    TRY_CAST(fetched_at AS TIMESTAMP) AS fetched_at,
    $path AS crawl_file
FROM crawl_file_lines($path)
WHERE source = $source AND COALESCE(source_id, '') <> '';
