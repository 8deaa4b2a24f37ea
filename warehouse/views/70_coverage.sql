-- Per source and publication week (Monday): what the listings announced and what reached each
-- stage, so that "no data" is never read as "no action". Every week from a source's first to its
-- last has a row (a silent week shows fetched 0); the row with week NULL holds undated documents.
-- listed: the most any one crawl saw listed that week (NULL: no crawl recorded it);
-- fetched: documents stored; extracted: with non-empty text; tagged: relevance decided under the
-- current codebook; failed: listed but not fetched (NULL when listed is NULL).
CREATE OR REPLACE VIEW coverage AS
WITH listed AS (
    SELECT source, week, max(listed) AS listed
    FROM (
        SELECT crawl_file, source, date_trunc('week', week)::DATE AS week, sum(listed)::BIGINT AS listed
        FROM crawl_listing_counts
        GROUP BY ALL
    )
    GROUP BY ALL
), stored AS (
    SELECT
        source,
        date_trunc('week', published)::DATE AS week,
        count(*) AS fetched,
        count(*) FILTER (WHERE trim(COALESCE(text, '')) <> '') AS extracted,
        count(relevant) AS tagged
    FROM documents
    GROUP BY ALL
), seen AS (
    SELECT source, week FROM listed
    UNION
    SELECT source, week FROM stored
), calendar AS (
    SELECT source, unnest(generate_series(min(week), max(week), INTERVAL 7 DAY))::DATE AS week
    FROM seen
    WHERE week IS NOT NULL
    GROUP BY source
), keys AS (
    SELECT source, week FROM calendar
    UNION
    SELECT source, week FROM seen WHERE week IS NULL
)
SELECT
    k.source,
    k.week,
    l.listed,
    COALESCE(s.fetched, 0) AS fetched,
    COALESCE(s.extracted, 0) AS extracted,
    COALESCE(s.tagged, 0) AS tagged,
    -- greatest() skips NULLs, so the unknown case is spelled out
    CASE WHEN l.listed IS NOT NULL THEN greatest(l.listed - COALESCE(s.fetched, 0), 0) END AS failed
FROM keys AS k
LEFT JOIN listed AS l ON l.source = k.source AND l.week IS NOT DISTINCT FROM k.week
LEFT JOIN stored AS s ON s.source = k.source AND s.week IS NOT DISTINCT FROM k.week
ORDER BY k.source, k.week NULLS LAST;
