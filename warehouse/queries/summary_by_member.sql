SELECT m.member_code AS member, r.name, count(DISTINCT m.doc_id) AS relevant_documents
FROM current_document_members AS m
JOIN documents AS d USING (doc_id)
LEFT JOIN members AS r ON r.code = m.member_code
WHERE d.relevant
GROUP BY ALL ORDER BY relevant_documents DESC, member;
