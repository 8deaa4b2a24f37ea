-- The last publication day the crawls of $spider over one scope ($scope, a JSON object of the
-- arguments named in $names, the source's registry scope arguments, as passed to the spider; one
-- left out is none) covered completely: the latest `until` of a complete crawl (a crawl without
-- one covered up to the day before it started). With no complete crawl yet, nothing since the
-- earliest `since` it was asked for; NULL when the scope was never crawled (a query added later
-- starts with every week).
WITH windows AS (
    SELECT outcome,
           TRY_CAST(json_extract_string(arguments, '$.since') AS DATE) AS since,
           COALESCE(TRY_CAST(json_extract_string(arguments, '$.until') AS DATE),
                    CAST(started_at AS DATE) - 1) AS until
    FROM crawl_runs
    WHERE spider = $spider
      AND NOT EXISTS (
          SELECT 1 FROM unnest($names::VARCHAR[]) AS scope(name)
          WHERE json_extract_string(arguments, '$.' || name)
                IS DISTINCT FROM json_extract_string($scope, '$.' || name))
)
SELECT COALESCE(max(until) FILTER (WHERE outcome = 'complete'), min(since) - 1) FROM windows;
