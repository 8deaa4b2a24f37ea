-- Every document version with where its HTML was fetched, to rebuild that HTML from the raw archive,
-- and what was extracted from it. $outdated_only: only versions extracted by another extractor version
-- than $extractor_version.
SELECT r.doc_id, r.version, r.source, r.source_id, r.fetch_url, r.fetched_at, r.title, r.published,
       r.content_sha256, r.url, r.subtitle, e.text AS previous_text
FROM raw_documents AS r
LEFT JOIN extracted_texts AS e USING (doc_id, version)
WHERE NOT $outdated_only OR e.extractor_version IS DISTINCT FROM $extractor_version
ORDER BY r.doc_id, r.version;
