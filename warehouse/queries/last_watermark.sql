-- The watermark of the spider's last complete crawl over the same queries and document types
-- ($queries, $types: as passed to the spider, NULL for none), so a query added later starts with a
-- full crawl of its own.
SELECT watermark_after FROM crawl_runs
WHERE spider = $spider AND outcome = 'complete' AND watermark_after IS NOT NULL
  AND json_extract_string(arguments, '$.queries') IS NOT DISTINCT FROM $queries
  AND json_extract_string(arguments, '$.types') IS NOT DISTINCT FROM $types
ORDER BY finished_at DESC NULLS LAST LIMIT 1;
