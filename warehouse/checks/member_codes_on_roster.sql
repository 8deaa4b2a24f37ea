-- Member tags and implementation events whose code is not on the Alliance roster.
SELECT DISTINCT t.doc_id || ':' || t.member_code
FROM (
    SELECT doc_id, member_code FROM document_members
    UNION ALL
    SELECT doc_id, member_code FROM document_events
) AS t
ANTI JOIN members AS r ON r.code = t.member_code
ORDER BY 1;
