-- Every other name a document was seen under (DOJ release number and URLs, Commission RAPID URLs),
-- so a researcher holding any of them finds the one document.
CREATE TABLE document_aliases (
    doc_id      VARCHAR NOT NULL,
    alias       VARCHAR NOT NULL,
    first_seen  VARCHAR NOT NULL,   -- crawl file that first showed it
    PRIMARY KEY (doc_id, alias)
);
