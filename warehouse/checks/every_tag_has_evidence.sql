-- Goal tags, member tags and implementation events without an evidence sentence that sits at its
-- offsets (issuer tags need none).
SELECT DISTINCT t.doc_id || '#' || t.version || ':' || t.tag
FROM (
    SELECT doc_id, version, goal AS tag, evidence_field, evidence_start, evidence_end, evidence_sentence
    FROM document_goals
    UNION ALL
    SELECT doc_id, version, member_code, evidence_field, evidence_start, evidence_end, evidence_sentence
    FROM document_members WHERE how <> 'issuer'
    UNION ALL
    SELECT doc_id, version, member_code || '/' || goal || '/' || mode, evidence_field, evidence_start,
           evidence_end, evidence_sentence
    FROM document_events
) AS t
JOIN raw_documents AS r USING (doc_id, version)
JOIN extracted_texts AS e USING (doc_id, version)
WHERE t.evidence_sentence IS NULL OR t.evidence_sentence = ''
   OR substr(CASE t.evidence_field WHEN 'title' THEN r.title ELSE e.text END,
             t.evidence_start + 1, t.evidence_end - t.evidence_start) IS DISTINCT FROM t.evidence_sentence
ORDER BY 1;
