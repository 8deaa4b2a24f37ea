-- Up to $samples documents (by doc_id) per label and direction that moved between codebooks $old and
-- $new, with the sentence that shows the label: the new codebook's for a gain, the old one's for a loss.
WITH current_versions AS (
    SELECT doc_id, max(version) AS version FROM raw_documents GROUP BY doc_id
), compared AS (
    SELECT o.doc_id, o.version, o.relevant AS old_relevant, n.relevant AS new_relevant,
           o.evidence_sentence AS old_evidence, n.evidence_sentence AS new_evidence
    FROM document_relevance AS o
    JOIN document_relevance AS n USING (doc_id, version)
    JOIN current_versions USING (doc_id, version)
    WHERE o.codebook_version = $old AND n.codebook_version = $new
), labels AS (
    SELECT 'relevance' AS kind, 'relevant' AS label, doc_id, old_relevant AS in_old, new_relevant AS in_new,
           old_evidence, new_evidence
    FROM compared
    UNION ALL
    SELECT 'goal', g.goal, c.doc_id, bool_or(g.codebook_version = $old), bool_or(g.codebook_version = $new),
           min(g.evidence_sentence) FILTER (WHERE g.codebook_version = $old),
           min(g.evidence_sentence) FILTER (WHERE g.codebook_version = $new)
    FROM compared AS c
    JOIN document_goals AS g ON g.doc_id = c.doc_id AND g.version = c.version
    WHERE g.codebook_version IN ($old, $new)
    GROUP BY g.goal, c.doc_id
    UNION ALL
    SELECT 'member', m.member_code, c.doc_id, bool_or(m.codebook_version = $old), bool_or(m.codebook_version = $new),
           min(m.evidence_sentence) FILTER (WHERE m.codebook_version = $old),
           min(m.evidence_sentence) FILTER (WHERE m.codebook_version = $new)
    FROM compared AS c
    JOIN document_members AS m ON m.doc_id = c.doc_id AND m.version = c.version
    WHERE m.codebook_version IN ($old, $new)
    GROUP BY m.member_code, c.doc_id
)
SELECT
    l.kind,
    l.label,
    CASE WHEN l.in_new THEN 'gained' ELSE 'lost' END AS change,
    l.doc_id,
    r.title,
    CASE WHEN l.in_new THEN l.new_evidence ELSE l.old_evidence END AS evidence
FROM labels AS l
JOIN compared AS c USING (doc_id)
JOIN raw_documents AS r ON r.doc_id = c.doc_id AND r.version = c.version
WHERE l.in_old IS DISTINCT FROM l.in_new
QUALIFY row_number() OVER (PARTITION BY l.kind, l.label, change ORDER BY l.doc_id) <= $samples
ORDER BY l.kind, l.label, change, l.doc_id;
