-- When the spider's last complete crawl started, as ISO 8601 UTC.
SELECT strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') FROM crawl_runs
WHERE spider = $spider AND outcome = 'complete' AND started_at IS NOT NULL
ORDER BY started_at DESC LIMIT 1;
