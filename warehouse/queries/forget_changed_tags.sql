-- Drop the tags of the versions in the temp table texts_changed (doc_id, version, codebook_version),
-- so the tagger redoes them on their new text. Tags of other codebook versions stay: they are the
-- history of what each codebook said.
DELETE FROM document_relevance AS t USING texts_changed AS c
WHERE t.doc_id = c.doc_id AND t.version = c.version AND t.codebook_version = c.codebook_version;
DELETE FROM document_members AS t USING texts_changed AS c
WHERE t.doc_id = c.doc_id AND t.version = c.version AND t.codebook_version = c.codebook_version;
DELETE FROM document_goals AS t USING texts_changed AS c
WHERE t.doc_id = c.doc_id AND t.version = c.version AND t.codebook_version = c.codebook_version;
DELETE FROM document_events AS t USING texts_changed AS c
WHERE t.doc_id = c.doc_id AND t.version = c.version AND t.codebook_version = c.codebook_version;
DROP TABLE texts_changed;
