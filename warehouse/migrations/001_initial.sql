-- The first schema: raw document versions, extracted text, tags with evidence, reference data.
-- doc_id = '<source>:<source_id>' (doj:<uuid>, eu:<TYPE/YY/NNNN>); a changed document gets a new version.

CREATE TABLE raw_documents (
    doc_id          VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    source          VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    url             VARCHAR,
    fetch_url       VARCHAR,
    title           VARCHAR,
    published       DATE,
    language        VARCHAR,
    languages       VARCHAR[],
    html            VARCHAR,
    content_sha256  VARCHAR NOT NULL,
    fetched_at      TIMESTAMP,
    api_metadata    JSON,
    crawl_file      VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, version)
);

-- One row per crawl output file loaded; loading a file and recording it is one transaction.
CREATE TABLE crawl_files (
    path            VARCHAR PRIMARY KEY,
    source          VARCHAR,
    loaded_at       TIMESTAMP NOT NULL,
    items           INTEGER NOT NULL,
    new_versions    INTEGER NOT NULL,
    rejected        INTEGER NOT NULL
);

CREATE TABLE extracted_texts (
    doc_id            VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    text              VARCHAR,
    published         DATE,
    date_source       VARCHAR,          -- 'api', 'page', or NULL when undated
    extractor_version VARCHAR NOT NULL,
    extracted_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (doc_id, version)
);

CREATE TABLE document_relevance (
    doc_id            VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    codebook_version  VARCHAR NOT NULL,
    relevant          BOOLEAN NOT NULL,
    evidence_field    VARCHAR,
    evidence_start    INTEGER,
    evidence_end      INTEGER,
    evidence_sentence VARCHAR,
    tagged_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (doc_id, version, codebook_version)
);

CREATE TABLE document_members (
    doc_id            VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    codebook_version  VARCHAR NOT NULL,
    member_code       VARCHAR NOT NULL,
    how               VARCHAR NOT NULL,  -- 'issuer' or 'mentioned'
    member_on_date    BOOLEAN,           -- NULL when undated or the join date is unknown
    evidence_field    VARCHAR,
    evidence_start    INTEGER,
    evidence_end      INTEGER,
    evidence_sentence VARCHAR,
    PRIMARY KEY (doc_id, version, codebook_version, member_code, how)
);

CREATE TABLE document_goals (
    doc_id            VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    codebook_version  VARCHAR NOT NULL,
    goal              VARCHAR NOT NULL,
    mode              VARCHAR NOT NULL,  -- 'action' or 'commitment'
    confidence        DOUBLE NOT NULL,
    evidence_field    VARCHAR NOT NULL,
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    evidence_sentence VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, version, codebook_version, goal, mode)
);

CREATE TABLE members (
    code        VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    joined_on   DATE,
    left_on     DATE,
    source      VARCHAR,
    confidence  VARCHAR,
    note        VARCHAR
);

CREATE TABLE goals (
    code         VARCHAR PRIMARY KEY,
    target       INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    description  VARCHAR NOT NULL
);

-- Which codebook version the views read; the tagger writes it after a complete tagging pass.
CREATE TABLE pipeline_state (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);
