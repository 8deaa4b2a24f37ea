-- Every document version's HTML as the spiders received it, with what was extracted from it.
-- $outdated_only: only versions extracted by another extractor version than $extractor_version.
SELECT r.doc_id, r.version, r.html, r.url, r.published, r.source, r.title, r.subtitle, e.text AS previous_text
FROM raw_documents AS r
LEFT JOIN extracted_texts AS e USING (doc_id, version)
WHERE NOT $outdated_only OR e.extractor_version IS DISTINCT FROM $extractor_version
ORDER BY r.doc_id, r.version;
