-- WARC files that do not read back whole, hold responses no index lists, or whose indexed
-- responses differ from the index (see the warc_problems view, migration 005).
SELECT warc_file || ': ' || problem FROM warc_problems ORDER BY warc_file;
