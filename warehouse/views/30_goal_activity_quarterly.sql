-- Goal x quarter: how many relevant documents show each goal, as action or as commitment.
CREATE OR REPLACE VIEW goal_activity_quarterly AS
SELECT
    g.goal,
    date_trunc('quarter', d.published)::DATE AS quarter,
    count(DISTINCT d.doc_id) AS documents,
    count(DISTINCT d.doc_id) FILTER (WHERE g.mode = 'action') AS action_documents,
    count(DISTINCT d.doc_id) FILTER (WHERE g.mode = 'commitment') AS commitment_documents
FROM current_document_goals AS g
JOIN documents AS d USING (doc_id)
WHERE d.relevant AND d.published IS NOT NULL
GROUP BY ALL
ORDER BY quarter, g.goal;
