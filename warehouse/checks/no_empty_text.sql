-- Current documents whose extracted text is missing or too short to be a release.
SELECT doc_id FROM documents WHERE text IS NULL OR length(trim(text)) < 40 ORDER BY doc_id;
