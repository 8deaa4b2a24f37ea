-- The archived successful responses for $url that may hold a version fetched at $fetched_at, most
-- likely first: those at or before $fetched_at, newest first; then any later ones, oldest first (the
-- caller accepts a later one only when it proves to hold the same content). Responses already found
-- not to read back as indexed are left out.
SELECT w.warc_file, w."offset", w.sha256, w.fetched_at <= $fetched_at AS at_or_before
FROM warc_records AS w
LEFT JOIN warc_verifications AS v USING (warc_file, "offset")
WHERE w.url = $url AND w.status BETWEEN 200 AND 299 AND v.ok IS DISTINCT FROM false
ORDER BY (w.fetched_at <= $fetched_at) IS TRUE DESC,
         CASE WHEN w.fetched_at <= $fetched_at THEN epoch(w.fetched_at) ELSE -epoch(w.fetched_at) END DESC
             NULLS LAST,
         w.warc_file DESC, w."offset" DESC;
