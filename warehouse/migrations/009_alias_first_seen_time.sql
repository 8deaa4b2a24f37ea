-- document_aliases.first_seen held the crawl file that first showed an alias; it becomes the time the
-- alias was first seen (the fetch time of the document in that crawl, else when that file was loaded),
-- and the crawl file moves to first_seen_in.
ALTER TABLE document_aliases RENAME COLUMN first_seen TO first_seen_in;
ALTER TABLE document_aliases ADD COLUMN first_seen TIMESTAMP;
UPDATE document_aliases AS a SET first_seen = COALESCE(
    (SELECT min(r.fetched_at) FROM raw_documents AS r
     WHERE r.doc_id = a.doc_id AND r.crawl_file = a.first_seen_in),
    (SELECT f.loaded_at FROM crawl_files AS f WHERE f.path = a.first_seen_in),
    (SELECT min(r.fetched_at) FROM raw_documents AS r WHERE r.doc_id = a.doc_id)
);
