-- The coverage ledger: per source and publication week (Monday), whether any crawl read that week's
-- listings and how it ended, what the listings announced and what reached each stage. It tells
-- "crawled, nothing published" (crawled_complete, listed 0) from "never crawled", so "no evidence"
-- is never read as "no action".
--
-- Rows: every source that has a crawl or a document, every week from the first publication week of
-- the partitions (pipeline_state 'first_publication_week'; else the earliest week a crawl was asked
-- for or a document was published) to the last week any crawl covered or any document was published; plus one row per source
-- (week NULL) that counts undated documents.
-- A crawl covers the weeks of its window: `since`..`until` from its arguments (no `since`: from the
-- first week; no `until`: up to the day before it started). A week lies inside a window when all
-- seven of its days do.
-- status: crawled_complete (a complete crawl covered it), else crawled_incomplete (a crawl that did
-- not deliver all its listings announced, or a complete one that covered part of the week), else
-- failed (only failed crawls), else never_crawled.
-- listed: what the covering crawls' listings announced (the most any one saw); 0 when a complete
-- crawl covered the week and its listing announced nothing; NULL when no covering crawl recorded it.
-- missing: listed but not fetched (listed - fetched, at least 0; NULL when listed is NULL).
CREATE OR REPLACE VIEW coverage AS
WITH windows AS (
    SELECT
        spider AS source,
        crawl_file,
        regexp_extract(crawl_file, 'crawls/([^/]+)/', 1) AS crawl_id,
        outcome,
        COALESCE(finished_at, started_at) AS crawled_at,
        COALESCE(TRY_CAST(json_extract_string(arguments, '$.since') AS DATE), DATE '1900-01-01') AS since,
        COALESCE(TRY_CAST(json_extract_string(arguments, '$.until') AS DATE),
                 CAST(started_at AS DATE) - 1) AS until
    FROM crawl_runs
), sources AS (
    SELECT source FROM windows
    UNION
    SELECT source FROM raw_documents
), bounds AS (
    SELECT
        COALESCE(
            (SELECT TRY_CAST(value AS DATE) FROM pipeline_state WHERE key = 'first_publication_week'),
            least(
                (SELECT date_trunc('week', min(since) FILTER (WHERE since > DATE '1900-01-01'))::DATE FROM windows),
                (SELECT date_trunc('week', min(published))::DATE FROM documents)
            )
        ) AS first_week,
        greatest(
            (SELECT date_trunc('week', max(until))::DATE FROM windows),
            (SELECT date_trunc('week', max(published))::DATE FROM documents)
        ) AS last_week
), calendar AS (
    SELECT s.source, unnest(generate_series(b.first_week, b.last_week, INTERVAL 7 DAY))::DATE AS week
    FROM sources AS s, bounds AS b
    WHERE b.first_week IS NOT NULL AND b.last_week IS NOT NULL
), covering AS (
    SELECT
        c.source,
        c.week,
        w.crawl_file,
        w.crawl_id,
        w.outcome,
        w.crawled_at,
        w.since <= c.week AND w.until >= c.week + 6 AS whole_week
    FROM calendar AS c
    JOIN windows AS w ON w.source = c.source AND w.since <= c.week + 6 AND w.until >= c.week
), listings AS (
    SELECT crawl_file, source, date_trunc('week', week)::DATE AS week, sum(listed)::BIGINT AS listed
    FROM crawl_listing_counts
    GROUP BY ALL
), ledger AS (
    SELECT
        v.source,
        v.week,
        CASE
            WHEN bool_or(v.whole_week AND v.outcome = 'complete') THEN 'crawled_complete'
            WHEN bool_or(v.outcome IN ('complete', 'incomplete')) THEN 'crawled_incomplete'
            ELSE 'failed'
        END AS status,
        max(l.listed) AS listed_seen,
        list(DISTINCT v.crawl_id ORDER BY v.crawl_id) AS crawl_ids,
        max(v.crawled_at) AS last_crawled_at
    FROM covering AS v
    LEFT JOIN listings AS l ON l.crawl_file = v.crawl_file AND l.source = v.source AND l.week = v.week
    GROUP BY v.source, v.week
), undated_listings AS (
    SELECT source, max(listed) AS listed
    FROM (SELECT crawl_file, source, sum(listed)::BIGINT AS listed FROM crawl_listing_counts
          WHERE week IS NULL GROUP BY ALL)
    GROUP BY source
), stored AS (
    SELECT
        source,
        date_trunc('week', published)::DATE AS week,
        count(*) AS fetched,
        count(*) FILTER (WHERE trim(COALESCE(text, '')) <> '') AS extracted,
        count(relevant) AS tagged
    FROM documents
    GROUP BY ALL
), weeks AS (
    SELECT
        c.source,
        c.week,
        COALESCE(g.status, 'never_crawled') AS status,
        CASE WHEN g.listed_seen IS NOT NULL THEN g.listed_seen
             WHEN g.status = 'crawled_complete' THEN 0 END AS listed,
        g.crawl_ids,
        g.last_crawled_at
    FROM calendar AS c
    LEFT JOIN ledger AS g USING (source, week)
    UNION ALL
    SELECT s.source, NULL, NULL, u.listed, NULL, NULL
    FROM (SELECT DISTINCT source FROM stored WHERE week IS NULL
          UNION SELECT source FROM undated_listings) AS s
    LEFT JOIN undated_listings AS u USING (source)
)
SELECT
    w.source,
    w.week,
    w.status,
    w.listed,
    COALESCE(s.fetched, 0) AS fetched,
    COALESCE(s.extracted, 0) AS extracted,
    COALESCE(s.tagged, 0) AS tagged,
    -- greatest() skips NULLs, so the unknown case is spelled out
    CASE WHEN w.listed IS NOT NULL THEN greatest(w.listed - COALESCE(s.fetched, 0), 0) END AS missing,
    COALESCE(w.crawl_ids, []) AS crawl_ids,
    w.last_crawled_at
FROM weeks AS w
LEFT JOIN stored AS s ON s.source = w.source AND s.week IS NOT DISTINCT FROM w.week
ORDER BY w.source, w.week NULLS LAST;
