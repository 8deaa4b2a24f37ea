-- Goal x source x quarter, and goal x quarter over all sources: how many relevant documents report at
-- least one implementation event under the goal (some member did or pledged something), how many
-- report it done or pledged, and how many of them frame themselves as Alliance work. One row for every
-- goal and quarter of the coverage ledger's range, zeros included; `covered` says whether every week of
-- the quarter was crawled completely (a week belongs to the quarter of its Monday), so a zero in a
-- covered quarter is "nothing found", and in an uncovered one "not looked at".
CREATE OR REPLACE VIEW quarter_coverage AS
SELECT
    source,
    date_trunc('quarter', week)::DATE AS quarter,
    count(*) AS weeks,
    count(*) FILTER (WHERE status = 'crawled_complete') AS weeks_crawled_complete
FROM coverage
WHERE week IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE VIEW goal_activity_quarterly_by_source AS
WITH events AS (
    SELECT e.goal, e.mode, d.doc_id, d.source, d.alliance_framed,
           date_trunc('quarter', d.published)::DATE AS quarter
    FROM current_document_events AS e
    JOIN documents AS d USING (doc_id)
    WHERE d.relevant AND d.published IS NOT NULL
), counted AS (
    SELECT
        goal,
        source,
        quarter,
        count(DISTINCT doc_id) AS documents,
        count(DISTINCT doc_id) FILTER (WHERE mode = 'action') AS action_documents,
        count(DISTINCT doc_id) FILTER (WHERE mode = 'commitment') AS commitment_documents,
        count(DISTINCT doc_id) FILTER (WHERE alliance_framed) AS framed_documents
    FROM events
    GROUP BY ALL
)
SELECT
    g.code AS goal,
    q.source,
    q.quarter,
    COALESCE(c.documents, 0) AS documents,
    COALESCE(c.action_documents, 0) AS action_documents,
    COALESCE(c.commitment_documents, 0) AS commitment_documents,
    COALESCE(c.framed_documents, 0) AS framed_documents,
    q.weeks_crawled_complete = q.weeks AS covered,
    q.weeks - q.weeks_crawled_complete AS weeks_not_covered
FROM goals AS g
CROSS JOIN quarter_coverage AS q
LEFT JOIN counted AS c ON c.goal = g.code AND c.source = q.source AND c.quarter = q.quarter
ORDER BY q.quarter, g.code, q.source;

CREATE OR REPLACE VIEW goal_activity_quarterly AS
SELECT
    goal,
    quarter,
    sum(documents)::BIGINT AS documents,
    sum(action_documents)::BIGINT AS action_documents,
    sum(commitment_documents)::BIGINT AS commitment_documents,
    sum(framed_documents)::BIGINT AS framed_documents,
    bool_and(covered) AS covered,
    sum(weeks_not_covered)::BIGINT AS source_weeks_not_covered
FROM goal_activity_quarterly_by_source
GROUP BY goal, quarter
ORDER BY quarter, goal;
