-- A document's subtitle (the Press Corner's: a speech's speaker and occasion), which relevance reads
-- besides the title and the text. Older Commission versions keep theirs in the stored API record.
ALTER TABLE raw_documents ADD COLUMN subtitle VARCHAR;
UPDATE raw_documents
SET subtitle = NULLIF(trim(json_extract_string(api_metadata, '$.docuLanguageResource.subtitle')), '')
WHERE source = 'eu';
ALTER TABLE extracted_texts ADD COLUMN subtitle VARCHAR;
UPDATE extracted_texts AS e SET subtitle = r.subtitle
FROM raw_documents AS r
WHERE r.doc_id = e.doc_id AND r.version = e.version AND r.subtitle IS NOT NULL;
