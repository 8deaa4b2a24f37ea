-- One storage vector's pending versions ($batch of pending_extraction_keys, spanning row ids
-- $first_row..$last_row) with their HTML as UTF-8 bytes: the reading process hands pages on without
-- building Python strings of them; the worker that extracts a page decodes it.
-- The range lets the scan skip the rest of the table before the join looks at a row.
SELECT r.doc_id, r.version, encode(r.html) AS html, r.url, r.published, r.source, r.title, r.subtitle
FROM raw_documents AS r
WHERE r.rowid BETWEEN $first_row AND $last_row
  AND r.rowid IN (SELECT row_id FROM pending_extraction_keys WHERE batch = $batch);
