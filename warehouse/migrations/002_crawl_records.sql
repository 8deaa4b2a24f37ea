-- What each crawl did, what the listings announced, and where every raw HTTP response is archived.

CREATE TABLE crawl_runs (
    crawl_file        VARCHAR PRIMARY KEY,   -- the crawl's items file, as in crawl_files.path
    spider            VARCHAR NOT NULL,
    arguments         JSON,
    started_at        TIMESTAMP,
    finished_at       TIMESTAMP,
    finish_reason     VARCHAR,
    requests          INTEGER,
    items             INTEGER,
    retries           INTEGER,
    errors_by_kind    JSON,                  -- e.g. {"http_429": 1, "bad_json": 2, "timeout": 1}
    watermark_before  VARCHAR,
    watermark_after   VARCHAR,
    outcome           VARCHAR NOT NULL       -- 'complete' or 'failed'
);

-- How many documents a source's listings announced per publication week (Monday), per crawl.
CREATE TABLE crawl_listing_counts (
    crawl_file  VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    week        DATE,                        -- NULL: listed without a usable date
    listed      INTEGER NOT NULL             -- one row per (crawl_file, source, week); week may be NULL, so no key
);

-- Every HTTP response the spiders received, stored in gzipped WARC files beside the warehouse.
CREATE TABLE warc_records (
    url         VARCHAR NOT NULL,
    warc_file   VARCHAR NOT NULL,
    "offset"    BIGINT NOT NULL,
    sha256      VARCHAR NOT NULL,
    status      INTEGER,
    fetched_at  TIMESTAMP,
    PRIMARY KEY (warc_file, "offset")
);
