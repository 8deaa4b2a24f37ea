-- Up to ten document versions extracted after $after (NULL: all), newest publication first.
SELECT e.doc_id, e.published, r.title, left(e.text, 160) AS opening
FROM extracted_texts AS e JOIN raw_documents AS r USING (doc_id, version)
WHERE $after IS NULL OR e.extracted_at > $after
ORDER BY e.published DESC NULLS LAST, e.doc_id
LIMIT 10;
