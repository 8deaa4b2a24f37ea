-- The language of each extracted text, and near-duplicates linked to one canonical document
-- (the same release under two DOJ components; the same Commission text in two languages).

-- ISO 639-1 code detected from the text itself (not the source's claim); NULL when too short or unclear.
ALTER TABLE extracted_texts ADD COLUMN text_language VARCHAR;

-- One row per document found to repeat another: the link holds for the two versions compared.
-- A canonical document has no row here; it is never itself linked to a third document.
CREATE TABLE document_duplicates (
    doc_id             VARCHAR PRIMARY KEY,
    version            INTEGER NOT NULL,
    canonical_doc_id   VARCHAR NOT NULL,
    canonical_version  INTEGER NOT NULL,
    similarity         DOUBLE NOT NULL,     -- in [0, 1]; what it measures depends on method
    method             VARCHAR NOT NULL,    -- 'shingles' (same language) or 'anchors' (translations)
    linked_at          TIMESTAMP NOT NULL
);

-- Which text of each current version was already compared, so each run compares only what is new
-- (a new version, or a text that extraction changed).
CREATE TABLE duplicate_scans (
    doc_id      VARCHAR PRIMARY KEY,
    version     INTEGER NOT NULL,
    text_md5    VARCHAR NOT NULL,
    scanned_at  TIMESTAMP NOT NULL
);
