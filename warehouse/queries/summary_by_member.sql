-- Per member, the relevant documents in which it acts under some goal, and those with any event of
-- it (acting, a partner or a signatory): what the member views count, not mere mentions.
SELECT e.member_code AS member, r.name,
       count(DISTINCT e.doc_id) FILTER (WHERE e.role = 'actor') AS acting_documents,
       count(DISTINCT e.doc_id) AS event_documents
FROM member_goal_documents AS e
LEFT JOIN members AS r ON r.code = e.member_code
GROUP BY ALL ORDER BY acting_documents DESC, event_documents DESC, member;
