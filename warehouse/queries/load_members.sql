-- Replace the roster with the reference file $path (roster.csv). Uncertain dates are ISO 8601
-- intervals ("2013-01-01/2014-09-30") and stay NULL here: only an exact date is a date.
DELETE FROM members;
INSERT INTO members
SELECT
    code,
    name,
    CASE WHEN regexp_full_match(joined_on, '\d{4}-\d{2}-\d{2}') THEN CAST(joined_on AS DATE) END,
    CASE WHEN regexp_full_match(left_on, '\d{4}-\d{2}-\d{2}') THEN CAST(left_on AS DATE) END,
    source,
    confidence,
    note
FROM read_csv($path, header = true, all_varchar = true);
