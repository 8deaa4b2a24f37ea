-- How the loader reads a crawl output file (JSON lines written by the spiders). As rows: lines that
-- are not JSON are skipped (the caller counts and names them).
-- crawl_file_items: the rows in no particular order, so DuckDB reads the file on every core. Enough
-- when each document is on one line of the file: the document's id then finds its line again.
CREATE OR REPLACE TEMP MACRO crawl_file_items(path) AS TABLE
SELECT *
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
-- crawl_file_lines: the same rows numbered in file order, for a file holding a document on several
-- lines (its first line wins, its contents become versions in line order). The loader reads such a
-- file twice through this macro, keys first and pages second, so the numbering must not depend on
-- anything but the file: row_number() OVER () runs as a streaming window, in the scan's (file)
-- order, which also makes DuckDB read the file on one thread.
CREATE OR REPLACE TEMP MACRO crawl_file_lines(path) AS TABLE
SELECT row_number() OVER () AS ordinal, *
FROM crawl_file_items(path);
-- item_content_sha256(title, html, published), the hash that tells a changed document, is
-- warehouse/content_hash.py, registered on the loader's connection.
