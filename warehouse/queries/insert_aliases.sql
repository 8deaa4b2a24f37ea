-- Record the aliases of the staged documents not yet known.
INSERT OR IGNORE INTO document_aliases
SELECT DISTINCT doc_id, alias, crawl_file
FROM (SELECT doc_id, unnest(aliases) AS alias, crawl_file FROM raw_staging)
WHERE alias IS NOT NULL AND alias <> '';
