-- Document versions not yet extracted (in storage order: sorting would hold the HTML of every pending
-- version in memory at once), published in [$start, $end) by the API's date, or undated
-- (an undated version belongs to no week, so every run looks at it until it is extracted).
SELECT r.doc_id, r.version, r.html, r.url, r.published, r.source, r.title
FROM raw_documents AS r
ANTI JOIN extracted_texts AS e USING (doc_id, version)
WHERE (r.published >= $start AND r.published < $end) OR r.published IS NULL;
