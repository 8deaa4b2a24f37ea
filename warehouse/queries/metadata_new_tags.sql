-- Up to ten goal tags of versions tagged after $after (NULL: all) under the current codebook.
SELECT g.doc_id, g.goal, g.mode, left(g.evidence_sentence, 160) AS evidence
FROM current_document_goals AS g
JOIN document_relevance AS r USING (doc_id, version, codebook_version)
WHERE $after IS NULL OR r.tagged_at > $after
ORDER BY r.tagged_at DESC, g.doc_id, g.goal
LIMIT 10;
