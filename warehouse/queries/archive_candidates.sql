-- For each version asked for ($urls[i] fetched at $fetched_ats[i], answered under $positions[i]): the
-- archived successful responses for its URL that may hold it, most likely first: those at or before
-- its fetch, newest first; then any later ones, oldest first (the caller accepts a later one only
-- when it proves to hold the same content). Responses already found not to read back as indexed are
-- left out. One query serves a batch of versions: a query per version costs milliseconds each.
WITH asked AS (
    SELECT unnest($positions) AS position, unnest($urls) AS url, unnest($fetched_ats) AS fetched_at
)
SELECT asked.position, w.warc_file, w."offset", w.sha256, w.fetched_at <= asked.fetched_at AS at_or_before
FROM asked
JOIN warc_records AS w ON w.url = asked.url
LEFT JOIN warc_verifications AS v ON v.warc_file = w.warc_file AND v."offset" = w."offset"
WHERE w.status BETWEEN 200 AND 299 AND v.ok IS DISTINCT FROM false
ORDER BY asked.position,
         (w.fetched_at <= asked.fetched_at) IS TRUE DESC,
         CASE WHEN w.fetched_at <= asked.fetched_at THEN epoch(w.fetched_at) ELSE -epoch(w.fetched_at) END DESC
             NULLS LAST,
         w.warc_file DESC, w."offset" DESC;
