-- Documents stored twice: one (doc_id, version) twice, or two consecutive versions with the same content.
SELECT doc_id FROM (
    SELECT doc_id, content_sha256,
           lag(content_sha256) OVER (PARTITION BY doc_id ORDER BY version) AS previous_sha256,
           count(*) OVER (PARTITION BY doc_id, version) AS copies
    FROM raw_documents
)
WHERE copies > 1 OR content_sha256 = previous_sha256
GROUP BY doc_id ORDER BY doc_id;
