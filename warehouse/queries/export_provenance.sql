-- What the export's manifest says about the warehouse it read: the current codebook, the extractor
-- versions of the current document versions (with how many each), and the snapshot time, the latest
-- moment the warehouse records work (a crawl file loaded, a crawl finished, a text extracted, a
-- document tagged).
SELECT
    (SELECT value FROM pipeline_state WHERE key = 'codebook_version') AS codebook_version,
    (SELECT COALESCE(list({'version': extractor_version, 'documents': n} ORDER BY extractor_version), [])
     FROM (SELECT e.extractor_version, count(*) AS n
           FROM documents AS d JOIN extracted_texts AS e USING (doc_id, version)
           GROUP BY e.extractor_version)) AS extractor_versions,
    greatest(
        (SELECT max(loaded_at) FROM crawl_files),
        (SELECT max(finished_at) FROM crawl_runs),
        (SELECT max(extracted_at) FROM extracted_texts),
        (SELECT max(tagged_at) FROM document_relevance)
    ) AS snapshot_time;
