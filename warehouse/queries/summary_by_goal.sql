SELECT goal,
       count(DISTINCT doc_id) AS documents,
       count(DISTINCT doc_id) FILTER (WHERE mode = 'action') AS actions,
       count(DISTINCT doc_id) FILTER (WHERE mode = 'commitment') AS commitments
FROM current_document_goals GROUP BY goal ORDER BY goal;
