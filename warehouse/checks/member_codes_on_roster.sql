-- Member tags whose code is not on the Alliance roster.
SELECT DISTINCT m.doc_id || ':' || m.member_code
FROM document_members AS m ANTI JOIN members AS r ON r.code = m.member_code
ORDER BY 1;
