-- Member x goal x role x calendar quarter, for every roster member, goal and role and every quarter from
-- the first to the last dated relevant document, zeros included: a zero is "no event found", and
-- `coverage` says whether documents were there to read.
-- was_member: a member on at least one day of the quarter, from members.joined_on/left_on
-- (left_on is the first day outside); NULL when the join date is unknown.
CREATE OR REPLACE VIEW member_goal_quarterly AS
WITH counted AS (
    SELECT
        member_code,
        goal,
        role,
        date_trunc('quarter', published)::DATE AS quarter,
        count(DISTINCT doc_id) AS documents,
        count(DISTINCT doc_id) FILTER (WHERE action) AS actions,
        count(DISTINCT doc_id) FILTER (WHERE commitment) AS commitments,
        count(DISTINCT doc_id) FILTER (WHERE member_on_date) AS documents_while_member
    FROM member_goal_documents
    WHERE published IS NOT NULL
    GROUP BY ALL
), quarters AS (
    SELECT unnest(generate_series(min(q), max(q), INTERVAL 3 MONTH))::DATE AS quarter
    FROM (SELECT date_trunc('quarter', published)::DATE AS q FROM documents WHERE relevant AND published IS NOT NULL)
), roles AS (
    SELECT unnest(['actor', 'partner', 'signatory']) AS role
), grid AS (
    SELECT m.code AS member_code, m.name AS member_name, m.joined_on, m.left_on, g.code AS goal, r.role, q.quarter
    FROM members AS m CROSS JOIN goals AS g CROSS JOIN roles AS r CROSS JOIN quarters AS q
)
SELECT
    k.member_code,
    k.member_name,
    k.goal,
    k.role,
    k.quarter,
    COALESCE(c.documents, 0) AS documents,
    COALESCE(c.actions, 0) AS actions,
    COALESCE(c.commitments, 0) AS commitments,
    CASE
        WHEN k.joined_on IS NULL THEN NULL
        WHEN k.joined_on >= k.quarter + INTERVAL 3 MONTH THEN FALSE
        WHEN k.left_on <= k.quarter THEN FALSE
        ELSE TRUE
    END AS was_member,
    COALESCE(c.documents_while_member, 0) AS documents_while_member
FROM grid AS k
LEFT JOIN counted AS c
    ON c.member_code = k.member_code AND c.goal = k.goal AND c.role = k.role AND c.quarter = k.quarter
ORDER BY k.member_code, k.goal, k.role, k.quarter;
