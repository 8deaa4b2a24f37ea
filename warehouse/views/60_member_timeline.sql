-- Per member, goal and role: how many events, and the first and latest dated document with the sentence
-- that shows the event. Undated documents are counted, not placed. Only members with at least one event.
CREATE OR REPLACE VIEW member_timeline AS
WITH totals AS (
    SELECT
        member_code,
        goal,
        role,
        count(DISTINCT doc_id) AS documents,
        count(DISTINCT doc_id) FILTER (WHERE action) AS actions,
        count(DISTINCT doc_id) FILTER (WHERE commitment) AS commitments,
        count(DISTINCT doc_id) FILTER (WHERE published IS NULL) AS undated_documents
    FROM member_goal_documents
    GROUP BY ALL
), dated AS (
    SELECT
        *,
        CASE WHEN action THEN 'action' ELSE 'commitment' END AS mode,
        row_number() OVER (PARTITION BY member_code, goal, role ORDER BY published, doc_id) AS from_first,
        row_number() OVER (PARTITION BY member_code, goal, role ORDER BY published DESC, doc_id DESC) AS from_latest
    FROM member_goal_documents
    WHERE published IS NOT NULL
)
SELECT
    t.member_code,
    r.name AS member_name,
    t.goal,
    t.role,
    r.joined_on,
    r.left_on,
    t.documents,
    t.actions,
    t.commitments,
    t.undated_documents,
    f.published AS first_date,
    f.doc_id AS first_doc_id,
    f.mode AS first_mode,
    f.evidence_sentence AS first_sentence,
    l.published AS latest_date,
    l.doc_id AS latest_doc_id,
    l.mode AS latest_mode,
    l.evidence_sentence AS latest_sentence
FROM totals AS t
LEFT JOIN dated AS f ON f.member_code = t.member_code AND f.goal = t.goal AND f.role = t.role AND f.from_first = 1
LEFT JOIN dated AS l ON l.member_code = t.member_code AND l.goal = t.goal AND l.role = t.role AND l.from_latest = 1
LEFT JOIN members AS r ON r.code = t.member_code
ORDER BY t.member_code, t.goal, t.role;
