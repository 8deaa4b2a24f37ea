-- Every implementation event of a relevant document (member x goal x role), for the explorer page:
-- what each filter selects and what a click lists. Word positions are made relative to the evidence
-- sentence; NULL where the words lie outside it (a member named in a neighbouring sentence).
SELECT
    doc_id,
    source,
    published,
    title,
    url,
    member_code,
    goal,
    role,
    action,
    commitment,
    evidence_sentence,
    CASE WHEN member_start >= evidence_start AND member_end <= evidence_end
         THEN member_start - evidence_start END AS member_start,
    CASE WHEN member_start >= evidence_start AND member_end <= evidence_end
         THEN member_end - evidence_start END AS member_end,
    CASE WHEN goal_start >= evidence_start AND goal_end <= evidence_end
         THEN goal_start - evidence_start END AS goal_start,
    CASE WHEN goal_start >= evidence_start AND goal_end <= evidence_end
         THEN goal_end - evidence_start END AS goal_end
FROM member_goal_documents
ORDER BY published NULLS LAST, doc_id, member_code, goal, role;
