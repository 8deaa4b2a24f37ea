-- A WARC file no longer on disk: its scan describes nothing that exists.
DELETE FROM warc_file_scans WHERE warc_file = $warc_file;
