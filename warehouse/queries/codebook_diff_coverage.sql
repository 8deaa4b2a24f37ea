-- Documents' current versions tagged under both codebooks $old and $new, under $old only, under $new only.
WITH current_versions AS (
    SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id
), tagged AS (
    SELECT doc_id, bool_or(codebook_version = $old) AS in_old, bool_or(codebook_version = $new) AS in_new
    FROM document_relevance
    JOIN current_versions USING (doc_id, version)
    WHERE codebook_version IN ($old, $new)
    GROUP BY doc_id
)
SELECT
    count(*) FILTER (WHERE in_old AND in_new) AS compared,
    count(*) FILTER (WHERE in_old AND NOT in_new) AS only_old,
    count(*) FILTER (WHERE in_new AND NOT in_old) AS only_new
FROM tagged;
