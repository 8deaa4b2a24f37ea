-- The views of the copy being published ($catalog) with their definitions: the ones to store as tables.
SELECT view_name, sql
FROM duckdb_views()
WHERE database_name = $catalog AND schema_name = 'main' AND NOT internal AND NOT temporary
ORDER BY view_name;
