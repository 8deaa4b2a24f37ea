-- Stage one crawl output file (JSON lines written by the spiders) for loading.
-- $path: the file. Lines that are not JSON or lack an identity are left out and counted by the caller.
CREATE OR REPLACE TEMP TABLE raw_staging AS
SELECT
    source || ':' || source_id AS doc_id,
    source,
    source_id,
    url,
    fetch_url,
    title,
    TRY_CAST(published AS DATE) AS published,
    lower(language) AS language,
    languages,
    html,
    sha256(COALESCE(title, '') || chr(31) || COALESCE(html, '') || chr(31) || COALESCE(published, '')) AS content_sha256,
    TRY_CAST(fetched_at AS TIMESTAMP) AS fetched_at,
    api AS api_metadata,
    COALESCE(aliases, []) AS aliases,
    $path AS crawl_file,
    ordinal
FROM (
    SELECT *, row_number() OVER () AS ordinal
    FROM read_json(
        $path,
        format = 'newline_delimited',
        ignore_errors = true,
        columns = {
            source: 'VARCHAR', source_id: 'VARCHAR', url: 'VARCHAR', fetch_url: 'VARCHAR',
            title: 'VARCHAR', published: 'VARCHAR', language: 'VARCHAR', languages: 'VARCHAR[]',
            html: 'VARCHAR', fetched_at: 'VARCHAR', api: 'JSON',
            aliases: 'VARCHAR[]'
        }
    )
)
WHERE source IN ('doj', 'eu') AND COALESCE(source_id, '') <> '';
