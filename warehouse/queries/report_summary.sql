-- One row: the codebook the views read, how many documents there are, and the dates they span.
SELECT
    (SELECT value FROM pipeline_state WHERE key = 'codebook_version') AS codebook_version,
    count(*) AS documents,
    count(*) FILTER (WHERE relevant) AS relevant_documents,
    min(published) AS first_published,
    max(published) AS last_published
FROM documents;
