-- Per label (relevance, each goal, each member): how many documents carry it under codebook $old and
-- under $new, how many gained it and how many lost it. Only documents' current versions tagged under
-- both codebooks count, so a move is the codebook's doing, not a change of coverage.
WITH current_versions AS (
    SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id
), compared AS (
    SELECT o.doc_id, o.version, o.relevant AS old_relevant, n.relevant AS new_relevant
    FROM document_relevance AS o
    JOIN document_relevance AS n USING (doc_id, version)
    JOIN current_versions USING (doc_id, version)
    WHERE o.codebook_version = $old AND n.codebook_version = $new
), labels AS (
    SELECT 'relevance' AS kind, 'relevant' AS label, doc_id, old_relevant AS in_old, new_relevant AS in_new
    FROM compared
    UNION ALL
    SELECT 'goal', g.goal, c.doc_id, bool_or(g.codebook_version = $old), bool_or(g.codebook_version = $new)
    FROM compared AS c
    JOIN document_goals AS g ON g.doc_id = c.doc_id AND g.version = c.version
    WHERE g.codebook_version IN ($old, $new)
    GROUP BY g.goal, c.doc_id
    UNION ALL
    SELECT 'member', m.member_code, c.doc_id, bool_or(m.codebook_version = $old), bool_or(m.codebook_version = $new)
    FROM compared AS c
    JOIN document_members AS m ON m.doc_id = c.doc_id AND m.version = c.version
    WHERE m.codebook_version IN ($old, $new)
    GROUP BY m.member_code, c.doc_id
)
SELECT
    kind,
    label,
    count(*) FILTER (WHERE in_old) AS old_documents,
    count(*) FILTER (WHERE in_new) AS new_documents,
    count(*) FILTER (WHERE in_new AND NOT in_old) AS gained,
    count(*) FILTER (WHERE in_old AND NOT in_new) AS lost
FROM labels
GROUP BY kind, label
ORDER BY kind, label;
