-- Source weeks where the listings announced more documents than the warehouse holds.
WITH listed AS (
    SELECT source, week, max(listed) AS listed FROM crawl_listing_counts WHERE week IS NOT NULL GROUP BY ALL
), held AS (
    SELECT source, date_trunc('week', published)::DATE AS week, count(*) AS held
    FROM documents WHERE published IS NOT NULL GROUP BY ALL
)
SELECT l.source || ' ' || l.week || ': listed ' || l.listed || ', held ' || COALESCE(h.held, 0)
FROM listed AS l LEFT JOIN held AS h USING (source, week)
WHERE COALESCE(h.held, 0) < l.listed
ORDER BY 1;
