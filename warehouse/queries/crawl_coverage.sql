-- Per spider, the last publication day its crawls have covered completely: the latest `until` of a
-- complete crawl (a crawl without one covered up to the day before it started). A spider with no
-- complete crawl yet has covered nothing since the earliest `since` it was asked for.
WITH windows AS (
    SELECT spider, outcome,
           TRY_CAST(json_extract_string(arguments, '$.since') AS DATE) AS since,
           COALESCE(TRY_CAST(json_extract_string(arguments, '$.until') AS DATE),
                    CAST(started_at AS DATE) - 1) AS until
    FROM crawl_runs
)
SELECT spider, COALESCE(max(until) FILTER (WHERE outcome = 'complete'), min(since) - 1) AS covered_through
FROM windows
GROUP BY spider
HAVING covered_through IS NOT NULL
ORDER BY spider;
