-- Member and goal tags of the documents' current versions under the current codebook.
CREATE OR REPLACE VIEW current_document_members AS
SELECT m.*
FROM document_members AS m
JOIN documents AS d ON d.doc_id = m.doc_id AND d.version = m.version
WHERE m.codebook_version = (SELECT value FROM pipeline_state WHERE key = 'codebook_version');

CREATE OR REPLACE VIEW current_document_goals AS
SELECT g.*
FROM document_goals AS g
JOIN documents AS d ON d.doc_id = g.doc_id AND d.version = g.version
WHERE g.codebook_version = (SELECT value FROM pipeline_state WHERE key = 'codebook_version');

CREATE OR REPLACE VIEW current_document_events AS
SELECT e.*
FROM document_events AS e
JOIN documents AS d ON d.doc_id = e.doc_id AND d.version = e.version
WHERE e.codebook_version = (SELECT value FROM pipeline_state WHERE key = 'codebook_version');
