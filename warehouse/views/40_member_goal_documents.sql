-- One row per relevant document x member x goal x role: the implementation events that
-- member_goal_quarterly and member_timeline count. A member counts only where the document shows its
-- own authorities acting (`actor`), helping an operation another led (`partner`) or signing a statement
-- of targets (`signatory`); a country that is only named (an offender's home, a server's place) does not.
CREATE OR REPLACE VIEW member_goal_documents AS
WITH member_tags AS (
    SELECT
        doc_id,
        member_code,
        bool_or(how = 'issuer') AS issuer,
        bool_or(how = 'mentioned') AS mentioned
    FROM current_document_members
    GROUP BY doc_id, member_code
), events AS (
    SELECT
        doc_id,
        member_code,
        goal,
        role,
        bool_or(mode = 'action') AS action,
        bool_or(mode = 'commitment') AS commitment,
        max(confidence) AS confidence,
        -- every event of a document shares its date, so they agree on membership
        any_value(member_on_date) AS member_on_date,
        -- a document that both acts and pledges is shown by what it did
        arg_min(evidence_sentence, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS evidence_sentence,
        arg_min(evidence_field, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS evidence_field,
        arg_min(evidence_start, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS evidence_start,
        arg_min(evidence_end, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS evidence_end,
        arg_min(member_start, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS member_start,
        arg_min(member_end, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS member_end,
        arg_min(goal_start, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS goal_start,
        arg_min(goal_end, (mode <> 'action', evidence_field <> 'text', evidence_start)) AS goal_end
    FROM current_document_events
    GROUP BY doc_id, member_code, goal, role
)
SELECT
    d.doc_id,
    d.source,
    d.published,
    e.member_code,
    e.goal,
    e.role,
    e.action,
    e.commitment,
    e.confidence,
    COALESCE(m.issuer, FALSE) AS issuer,
    COALESCE(m.mentioned, FALSE) AS mentioned,
    e.member_on_date,
    e.evidence_sentence,
    e.evidence_field,
    e.evidence_start,
    e.evidence_end,
    e.member_start,
    e.member_end,
    e.goal_start,
    e.goal_end,
    d.alliance_framed,
    d.title,
    d.url
FROM documents AS d
JOIN events AS e USING (doc_id)
LEFT JOIN member_tags AS m ON m.doc_id = e.doc_id AND m.member_code = e.member_code
WHERE d.relevant;
