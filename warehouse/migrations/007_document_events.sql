-- Implementation events: member M's authorities did (action) or pledged (commitment) something under
-- goal G, says this sentence. One row per document version, codebook version and (member, goal, mode);
-- `role` tells an actor from a partner in an operation another led and a signatory of a statement of
-- targets. The tag tables (document_members, document_goals) stay: they say what a document names.
CREATE TABLE document_events (
    doc_id            VARCHAR NOT NULL,
    version           INTEGER NOT NULL,
    codebook_version  VARCHAR NOT NULL,
    member_code       VARCHAR NOT NULL,
    goal              VARCHAR NOT NULL,
    mode              VARCHAR NOT NULL,  -- 'action' or 'commitment'
    role              VARCHAR NOT NULL,  -- 'actor', 'partner' or 'signatory'
    confidence        DOUBLE NOT NULL,
    member_on_date    BOOLEAN,           -- the roster on the publication day; NULL: undated or unknown
    evidence_field    VARCHAR NOT NULL,  -- 'title' or 'text'
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    evidence_sentence VARCHAR NOT NULL,
    -- where in the field the member's and the goal's words are; NULL where the sentence does not name
    -- them (a DOJ release's own agencies, a signed statement's targets stated elsewhere)
    member_start      INTEGER,
    member_end        INTEGER,
    goal_start        INTEGER,
    goal_end          INTEGER,
    PRIMARY KEY (doc_id, version, codebook_version, member_code, goal, mode)
);
