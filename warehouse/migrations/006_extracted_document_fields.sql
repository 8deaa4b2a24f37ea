-- The extracted document carries what the tagger reads besides its text (source and title), so
-- tagging reads one table and never has to hold the texts in a join.
ALTER TABLE extracted_texts ADD COLUMN source VARCHAR;
ALTER TABLE extracted_texts ADD COLUMN title VARCHAR;
UPDATE extracted_texts AS e SET source = r.source, title = r.title
FROM raw_documents AS r
WHERE r.doc_id = e.doc_id AND r.version = e.version;
