-- Goal x quarter: how many relevant documents report at least one implementation event under the goal
-- (some member did or pledged something), and how many report it done or pledged. Every quarter from
-- the first to the last dated relevant document has a row per goal, zeros included.
CREATE OR REPLACE VIEW goal_activity_quarterly AS
WITH events AS (
    SELECT e.goal, e.mode, d.doc_id, date_trunc('quarter', d.published)::DATE AS quarter
    FROM current_document_events AS e
    JOIN documents AS d USING (doc_id)
    WHERE d.relevant AND d.published IS NOT NULL
), counted AS (
    SELECT
        goal,
        quarter,
        count(DISTINCT doc_id) AS documents,
        count(DISTINCT doc_id) FILTER (WHERE mode = 'action') AS action_documents,
        count(DISTINCT doc_id) FILTER (WHERE mode = 'commitment') AS commitment_documents
    FROM events
    GROUP BY ALL
), quarters AS (
    SELECT unnest(generate_series(min(q), max(q), INTERVAL 3 MONTH))::DATE AS quarter
    FROM (SELECT date_trunc('quarter', published)::DATE AS q FROM documents WHERE relevant AND published IS NOT NULL)
)
SELECT
    g.code AS goal,
    q.quarter,
    COALESCE(c.documents, 0) AS documents,
    COALESCE(c.action_documents, 0) AS action_documents,
    COALESCE(c.commitment_documents, 0) AS commitment_documents
FROM goals AS g
CROSS JOIN quarters AS q
LEFT JOIN counted AS c ON c.goal = g.code AND c.quarter = q.quarter
ORDER BY q.quarter, g.code;
