-- The watermark of the spider's last complete crawl.
SELECT watermark_after FROM crawl_runs
WHERE spider = $spider AND outcome = 'complete' AND watermark_after IS NOT NULL
ORDER BY finished_at DESC NULLS LAST LIMIT 1;
