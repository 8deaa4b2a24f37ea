-- One row per relevant document x member x goal: the evidence that member_goal_quarterly and
-- member_timeline count. A member counts whether the document mentions it or issued it (every DOJ
-- release carries US as issuer: a DOJ release is US action); `issuer` and `mentioned` tell which.
CREATE OR REPLACE VIEW member_goal_documents AS
WITH member_tags AS (
    SELECT
        doc_id,
        member_code,
        bool_or(how = 'issuer') AS issuer,
        bool_or(how = 'mentioned') AS mentioned,
        -- both tags of a document share its date, so they agree on membership
        any_value(member_on_date) AS member_on_date,
        arg_min(evidence_sentence, (evidence_start IS NULL, evidence_start, evidence_sentence))
            FILTER (WHERE how = 'mentioned') AS member_sentence
    FROM current_document_members
    GROUP BY doc_id, member_code
), goal_tags AS (
    SELECT
        doc_id,
        goal,
        bool_or(mode = 'action') AS action,
        bool_or(mode = 'commitment') AS commitment,
        -- a document that both acts and promises is shown by what it did
        arg_min(evidence_sentence, (mode <> 'action', evidence_start, evidence_sentence)) AS goal_sentence
    FROM current_document_goals
    GROUP BY doc_id, goal
)
SELECT
    d.doc_id,
    d.source,
    d.published,
    m.member_code,
    g.goal,
    g.action,
    g.commitment,
    m.issuer,
    m.mentioned,
    m.member_on_date,
    g.goal_sentence,
    m.member_sentence,
    d.title,
    d.url
FROM documents AS d
JOIN member_tags AS m USING (doc_id)
JOIN goal_tags AS g USING (doc_id)
WHERE d.relevant;
