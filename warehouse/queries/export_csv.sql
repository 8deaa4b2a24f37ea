-- Write one relation ($relation, a name from a fixed list) to the CSV file $path: a header line,
-- dates as ISO 8601 (YYYY-MM-DD), times as YYYY-MM-DD HH:MM:SS (UTC).
COPY (FROM query_table($relation)) TO $path (FORMAT csv, HEADER true,
    DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S');
