-- How many rows an exported relation ($relation, a name from a fixed list) holds.
SELECT count(*) FROM query_table($relation);
