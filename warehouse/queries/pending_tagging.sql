-- Extracted document versions (in storage order, never sorted: the corpus must stream) not yet
-- tagged with codebook $codebook_version, published in [$start, $end), undated, or revisions (as in
-- pending_extraction_keys). One table only:
-- a join here would hold every pending text in memory.
SELECT e.doc_id, e.version, e.source, e.title, e.text, e.published, e.subtitle
FROM extracted_texts AS e
WHERE ((e.published >= $start AND e.published < $end) OR e.published IS NULL OR e.version > 1)
  AND NOT EXISTS (
    SELECT 1 FROM document_relevance AS t
    WHERE t.doc_id = e.doc_id AND t.version = e.version AND t.codebook_version = $codebook_version
  );
