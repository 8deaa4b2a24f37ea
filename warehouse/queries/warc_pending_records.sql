-- The indexed responses of one WARC file not yet read back, in file order.
SELECT r."offset", r.sha256
FROM warc_records AS r
WHERE r.warc_file = $warc_file
  AND NOT EXISTS (SELECT 1 FROM warc_verifications AS v
                  WHERE v.warc_file = r.warc_file AND v."offset" = r."offset")
ORDER BY r."offset";
