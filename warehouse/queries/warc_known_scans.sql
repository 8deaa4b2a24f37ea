-- The state (size, mtime) each WARC file was last scanned in.
SELECT warc_file, size, mtime_ns FROM warc_file_scans;
