-- A crawl output file (JSON lines written by the spiders) as rows, numbered in file order. Lines that
-- are not JSON are skipped (the caller counts and names them). The loader reads a file twice through
-- this macro, keys first and pages second, so the numbering must not depend on anything but the file:
-- row_number() OVER () runs as a streaming window, in the scan's (file) order.
CREATE OR REPLACE TEMP MACRO crawl_file_lines(path) AS TABLE
SELECT row_number() OVER () AS ordinal, *
FROM read_json(
    path,
    format = 'newline_delimited',
    ignore_errors = true,
    columns = {
        source: 'VARCHAR', source_id: 'VARCHAR', url: 'VARCHAR', fetch_url: 'VARCHAR',
        title: 'VARCHAR', published: 'VARCHAR', language: 'VARCHAR', languages: 'VARCHAR[]',
        html: 'VARCHAR', fetched_at: 'VARCHAR', api: 'JSON',
        aliases: 'VARCHAR[]', subtitle: 'VARCHAR'
    }
);
