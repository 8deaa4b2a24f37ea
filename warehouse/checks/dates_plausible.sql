-- Extracted versions dated outside what the sources can have published (before 1990 or in the future),
-- or dated differently from the API's date when the API gave one.
SELECT e.doc_id || '#' || e.version
FROM extracted_texts AS e JOIN raw_documents AS r USING (doc_id, version)
WHERE e.published < DATE '1990-01-01' OR e.published > current_date
   OR (r.published IS NOT NULL AND e.published IS DISTINCT FROM r.published)
ORDER BY 1;
