-- Member x goal over the whole period, for the heatmap: documents with an implementation event of the
-- member and goal, in any role.
SELECT
    member_code,
    goal,
    count(DISTINCT doc_id) AS documents,
    count(DISTINCT doc_id) FILTER (WHERE action) AS actions,
    count(DISTINCT doc_id) FILTER (WHERE commitment) AS commitments
FROM member_goal_documents
GROUP BY ALL
ORDER BY member_code, goal;
