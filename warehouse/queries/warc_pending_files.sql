-- WARC files with indexed responses not yet read back.
SELECT DISTINCT r.warc_file
FROM warc_records AS r
WHERE NOT EXISTS (SELECT 1 FROM warc_verifications AS v
                  WHERE v.warc_file = r.warc_file AND v."offset" = r."offset")
ORDER BY 1;
