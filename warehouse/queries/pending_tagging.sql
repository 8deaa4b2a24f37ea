-- Extracted document versions (in storage order, never sorted: the corpus must stream) not yet tagged with codebook $codebook_version, published in
-- [$start, $end) or undated.
SELECT e.doc_id, e.version, r.source, r.title, e.text, e.published
FROM extracted_texts AS e
JOIN raw_documents AS r USING (doc_id, version)
WHERE ((e.published >= $start AND e.published < $end) OR e.published IS NULL)
  AND NOT EXISTS (
    SELECT 1 FROM document_relevance AS t
    WHERE t.doc_id = e.doc_id AND t.version = e.version AND t.codebook_version = $codebook_version
  );
