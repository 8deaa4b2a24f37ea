-- Whether the raw archive reads back: each WARC file on disk scanned whole once per state (name, size,
-- mtime), each indexed response read back once and its payload compared with the index's sha256.

-- One row per *.warc.gz file seen on disk, for the state it was last scanned in.
CREATE TABLE warc_file_scans (
    warc_file   VARCHAR PRIMARY KEY,     -- name relative to the archive directory, as in warc_records
    size        BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    records     INTEGER NOT NULL,        -- WARC records read before the end or the first problem
    problem     VARCHAR,                 -- NULL when the whole file read back
    scanned_at  TIMESTAMP NOT NULL
);

-- One row per indexed response (warc_records) read back.
CREATE TABLE warc_verifications (
    warc_file    VARCHAR NOT NULL,
    "offset"     BIGINT NOT NULL,
    ok           BOOLEAN NOT NULL,
    problem      VARCHAR,                -- NULL when ok
    verified_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (warc_file, "offset")
);

-- One row per WARC file with a problem: unreadable as a whole, holding responses no index lists,
-- or with indexed responses that do not read back as indexed. Read by the raw_documents asset and
-- its check, so both name the same files for the same reasons.
CREATE VIEW warc_problems AS
WITH found AS (
    SELECT warc_file, 1 AS rank, problem FROM warc_file_scans WHERE problem IS NOT NULL
    UNION ALL
    SELECT s.warc_file, 2, 'not listed in any index (' || s.records || ' WARC records)'
    FROM warc_file_scans AS s
    WHERE s.problem IS NULL AND s.records > 0
      AND NOT EXISTS (SELECT 1 FROM warc_records AS r WHERE r.warc_file = s.warc_file)
    UNION ALL
    SELECT warc_file, 3,
           count(*) || ' indexed response(s) do not read back; first at offset ' || min("offset")
           || ': ' || arg_min(problem, "offset")
    FROM warc_verifications WHERE NOT ok GROUP BY warc_file
)
SELECT warc_file, string_agg(problem, '; ' ORDER BY rank) AS problem
FROM found GROUP BY warc_file;
