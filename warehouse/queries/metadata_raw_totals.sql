-- Documents and versions held.
SELECT count(DISTINCT doc_id) AS documents, count(*) AS versions FROM raw_documents;
