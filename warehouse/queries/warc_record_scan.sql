-- What scanning one WARC file whole found, for the state it was scanned in.
INSERT OR REPLACE INTO warc_file_scans (warc_file, size, mtime_ns, records, problem, scanned_at)
VALUES ($warc_file, $size, $mtime_ns, $records, $problem, $scanned_at);
