-- One batch of pending_extraction_keys ($batch, spanning row ids $first_row..$last_row) with its HTML.
-- The range lets the scan skip the rest of the table before the join looks at a row.
SELECT r.doc_id, r.version, r.html, r.url, r.published, r.source, r.title, r.subtitle
FROM raw_documents AS r
WHERE r.rowid BETWEEN $first_row AND $last_row
  AND r.rowid IN (SELECT row_id FROM pending_extraction_keys WHERE batch = $batch);
