-- Record the aliases of the staged documents not yet known: when (the item's fetch time, else now, in
-- UTC) and in which crawl file each was first seen.
INSERT OR IGNORE INTO document_aliases (doc_id, alias, first_seen_in, first_seen)
SELECT doc_id, alias, any_value(crawl_file),
       COALESCE(min(fetched_at), CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP))
FROM (SELECT doc_id, unnest(aliases) AS alias, crawl_file, fetched_at FROM raw_staging)
WHERE alias IS NOT NULL AND alias <> ''
GROUP BY doc_id, alias;
