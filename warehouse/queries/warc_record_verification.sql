-- What reading one indexed response back found.
INSERT OR REPLACE INTO warc_verifications (warc_file, "offset", ok, problem, verified_at)
VALUES ($warc_file, $offset, $problem IS NULL, $problem, $verified_at);
