-- Index the archived HTTP responses listed in one WARC index file ($path, JSON lines).
INSERT OR IGNORE INTO warc_records
SELECT url, warc_file, "offset", sha256, status, TRY_CAST(fetched_at AS TIMESTAMP)
FROM read_json($path, format = 'newline_delimited', ignore_errors = true,
               columns = {url: 'VARCHAR', warc_file: 'VARCHAR', "offset": 'BIGINT', sha256: 'VARCHAR',
                          status: 'INTEGER', fetched_at: 'VARCHAR'})
WHERE url IS NOT NULL AND warc_file IS NOT NULL AND "offset" IS NOT NULL AND sha256 IS NOT NULL;
