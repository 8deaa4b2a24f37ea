-- The evidence a figure rests on, as two temporary views of the export's connection:
--   evidence_tags:   every tag (relevance verdicts, member tags, goal tags) of every document version and
--                    codebook version, with its sentence, offsets and the document's URL, title and date;
--   evidence_events: every implementation event from document_events, the same way.
-- `current` marks the rows the researcher views read (the latest version, the current codebook).
CREATE OR REPLACE TEMP VIEW export_document_versions AS
SELECT r.doc_id, r.version, r.source, r.source_id, r.url, r.title,
       COALESCE(e.published, r.published) AS published, r.fetched_at,
       r.version = max(r.version) OVER (PARTITION BY r.doc_id) AS latest
FROM raw_documents AS r
LEFT JOIN extracted_texts AS e USING (doc_id, version);

CREATE OR REPLACE TEMP VIEW evidence_tags AS
WITH tags AS (
    SELECT 'relevance' AS kind, doc_id, version, codebook_version, relevant, alliance_framed,
           evidence_field, evidence_start, evidence_end, evidence_sentence, tagged_at
    FROM document_relevance
    UNION ALL BY NAME
    SELECT 'member' AS kind, doc_id, version, codebook_version, member_code, how, member_on_date,
           evidence_field, evidence_start, evidence_end, evidence_sentence
    FROM document_members
    UNION ALL BY NAME
    SELECT 'goal' AS kind, doc_id, version, codebook_version, goal, mode, confidence,
           evidence_field, evidence_start, evidence_end, evidence_sentence
    FROM document_goals
)
SELECT t.kind, t.doc_id, t.version, t.codebook_version,
       d.latest AND t.codebook_version IS NOT DISTINCT FROM
           (SELECT value FROM pipeline_state WHERE key = 'codebook_version') AS current,
       t.relevant, t.alliance_framed, t.member_code, t.how, t.member_on_date,
       t.goal, t.mode, t.confidence,
       t.evidence_sentence, t.evidence_field, t.evidence_start, t.evidence_end,
       d.source, d.source_id, d.url, d.title, d.published, d.fetched_at, t.tagged_at
FROM tags AS t
LEFT JOIN export_document_versions AS d USING (doc_id, version)
ORDER BY t.doc_id, t.version, t.codebook_version, t.kind, t.member_code, t.goal, t.mode, t.how;

CREATE OR REPLACE TEMP VIEW evidence_events AS
SELECT ev.doc_id, ev.version, ev.codebook_version,
       d.latest AND ev.codebook_version IS NOT DISTINCT FROM
           (SELECT value FROM pipeline_state WHERE key = 'codebook_version') AS current,
       ev.member_code, ev.goal, ev.mode, ev.role, ev.confidence, ev.member_on_date,
       ev.evidence_sentence, ev.evidence_field, ev.evidence_start, ev.evidence_end,
       ev.member_start, ev.member_end, ev.goal_start, ev.goal_end,
       d.source, d.source_id, d.url, d.title, d.published, d.fetched_at
FROM document_events AS ev
LEFT JOIN export_document_versions AS d USING (doc_id, version)
ORDER BY ev.doc_id, ev.version, ev.codebook_version, ev.member_code, ev.goal, ev.mode;
