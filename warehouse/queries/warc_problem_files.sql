-- Every WARC file with a problem, and what it is (see the warc_problems view, migration 005).
SELECT warc_file, problem FROM warc_problems ORDER BY warc_file;
