-- Replace the roster with the reference file $path (roster.csv).
DELETE FROM members;
INSERT INTO members
SELECT code, name, TRY_CAST(joined_on AS DATE), TRY_CAST(left_on AS DATE), source, confidence, note
FROM read_csv($path, header = true, all_varchar = true);
