-- One crawl's record, from the stats file its spider wrote ($stats: that JSON as text).
INSERT OR REPLACE INTO crawl_runs
SELECT
    $crawl_file,
    $spider,
    json_extract($stats, '$.arguments'),
    TRY_CAST(json_extract_string($stats, '$.started_at') AS TIMESTAMP),
    TRY_CAST(json_extract_string($stats, '$.finished_at') AS TIMESTAMP),
    json_extract_string($stats, '$.finish_reason'),
    TRY_CAST(json_extract_string($stats, '$.requests') AS INTEGER),
    TRY_CAST(json_extract_string($stats, '$.items') AS INTEGER),
    TRY_CAST(json_extract_string($stats, '$.retries') AS INTEGER),
    COALESCE(json_extract($stats, '$.errors_by_kind'), '{}'::JSON),
    json_extract_string($stats, '$.watermark_before'),
    json_extract_string($stats, '$.watermark_after'),
    $outcome;
