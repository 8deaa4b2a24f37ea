-- The current (latest) version of each document, its text, its relevance and whether it frames itself
-- as Alliance work (names the Alliance, WePROTECT or its targets) under the current codebook.
CREATE OR REPLACE VIEW documents AS
WITH current_codebook AS (
    SELECT value AS codebook_version FROM pipeline_state WHERE key = 'codebook_version'
), latest AS (
    SELECT * FROM raw_documents
    QUALIFY version = max(version) OVER (PARTITION BY doc_id)
)
SELECT
    l.doc_id,
    l.version,
    l.source,
    l.source_id,
    l.url,
    l.title,
    COALESCE(e.published, l.published) AS published,
    l.language,
    e.text,
    r.relevant,
    r.alliance_framed,
    l.fetched_at
FROM latest AS l
LEFT JOIN extracted_texts AS e USING (doc_id, version)
LEFT JOIN document_relevance AS r
    ON r.doc_id = l.doc_id AND r.version = l.version
   AND r.codebook_version = (SELECT codebook_version FROM current_codebook);
