-- The batches (storage vectors) of pending_extraction_keys, each with the range of row ids it spans, in storage order.
SELECT batch, min(row_id) AS first_row, max(row_id) AS last_row
FROM pending_extraction_keys
GROUP BY batch
ORDER BY batch;
