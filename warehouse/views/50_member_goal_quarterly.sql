-- Member x goal x quarter, only quarters in which the member shows the goal (no zero rows):
-- a missing quarter means no evidence, and `coverage` says whether documents were there to read.
-- was_member: a member on at least one day of the quarter, from members.joined_on/left_on
-- (left_on is the first day outside); NULL when the join date or the country is not on the roster.
CREATE OR REPLACE VIEW member_goal_quarterly AS
WITH quarterly AS (
    SELECT
        member_code,
        goal,
        date_trunc('quarter', published)::DATE AS quarter,
        count(DISTINCT doc_id) AS documents,
        count(DISTINCT doc_id) FILTER (WHERE action) AS actions,
        count(DISTINCT doc_id) FILTER (WHERE commitment) AS commitments,
        count(DISTINCT doc_id) FILTER (WHERE member_on_date) AS documents_while_member
    FROM member_goal_documents
    WHERE published IS NOT NULL
    GROUP BY ALL
)
SELECT
    q.member_code,
    r.name AS member_name,
    q.goal,
    q.quarter,
    q.documents,
    q.actions,
    q.commitments,
    CASE
        WHEN r.joined_on IS NULL THEN NULL
        WHEN r.joined_on >= q.quarter + INTERVAL 3 MONTH THEN FALSE
        WHEN r.left_on <= q.quarter THEN FALSE
        ELSE TRUE
    END AS was_member,
    q.documents_while_member
FROM quarterly AS q
LEFT JOIN members AS r ON r.code = q.member_code
ORDER BY q.member_code, q.goal, q.quarter;
