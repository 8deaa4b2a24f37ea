-- Member x goal x role x source x quarter, and the same over all sources: for every roster member,
-- goal, role and quarter of the coverage ledger's range, zeros included. A zero is "no event found";
-- `covered` says whether every week of the quarter was crawled completely (by that source; over all
-- sources: by every source), so a zero in an uncovered quarter is "not looked at".
-- was_member: a member on at least one day of the quarter, from members.joined_on/left_on
-- (left_on is the first day outside); NULL when the join date is unknown.
CREATE OR REPLACE VIEW member_goal_quarterly_by_source AS
WITH counted AS (
    SELECT
        member_code,
        goal,
        role,
        source,
        date_trunc('quarter', published)::DATE AS quarter,
        count(DISTINCT doc_id) AS documents,
        count(DISTINCT doc_id) FILTER (WHERE action) AS actions,
        count(DISTINCT doc_id) FILTER (WHERE commitment) AS commitments,
        count(DISTINCT doc_id) FILTER (WHERE member_on_date) AS documents_while_member,
        count(DISTINCT doc_id) FILTER (WHERE alliance_framed) AS framed_documents
    FROM member_goal_documents
    WHERE published IS NOT NULL
    GROUP BY ALL
), roles AS (
    SELECT unnest(['actor', 'partner', 'signatory']) AS role
)
SELECT
    m.code AS member_code,
    m.name AS member_name,
    g.code AS goal,
    r.role,
    q.source,
    q.quarter,
    COALESCE(c.documents, 0) AS documents,
    COALESCE(c.actions, 0) AS actions,
    COALESCE(c.commitments, 0) AS commitments,
    COALESCE(c.framed_documents, 0) AS framed_documents,
    CASE
        WHEN m.joined_on IS NULL THEN NULL
        WHEN m.joined_on >= q.quarter + INTERVAL 3 MONTH THEN FALSE
        WHEN m.left_on <= q.quarter THEN FALSE
        ELSE TRUE
    END AS was_member,
    COALESCE(c.documents_while_member, 0) AS documents_while_member,
    q.weeks_crawled_complete = q.weeks AS covered
FROM members AS m
CROSS JOIN goals AS g
CROSS JOIN roles AS r
CROSS JOIN quarter_coverage AS q
LEFT JOIN counted AS c
    ON c.member_code = m.code AND c.goal = g.code AND c.role = r.role AND c.source = q.source
   AND c.quarter = q.quarter
ORDER BY m.code, g.code, r.role, q.quarter, q.source;

CREATE OR REPLACE VIEW member_goal_quarterly AS
SELECT
    member_code,
    any_value(member_name) AS member_name,
    goal,
    role,
    quarter,
    sum(documents)::BIGINT AS documents,
    sum(actions)::BIGINT AS actions,
    sum(commitments)::BIGINT AS commitments,
    sum(framed_documents)::BIGINT AS framed_documents,
    any_value(was_member) AS was_member,
    sum(documents_while_member)::BIGINT AS documents_while_member,
    bool_and(covered) AS covered
FROM member_goal_quarterly_by_source
GROUP BY member_code, goal, role, quarter
ORDER BY member_code, goal, role, quarter;
