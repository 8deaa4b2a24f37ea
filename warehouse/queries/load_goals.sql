-- Replace the goals with the reference file $path (goals.csv).
DELETE FROM goals;
INSERT INTO goals
SELECT code, CAST(target AS INTEGER), name, description
FROM read_csv($path, header = true, all_varchar = true);
