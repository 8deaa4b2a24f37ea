-- How many documents the listings announced per publication week, from the stats file ($stats).
-- Recorded once per crawl file, in the transaction that loads that file.
INSERT INTO crawl_listing_counts
SELECT $crawl_file, $source, TRY_CAST(entry.key AS DATE), CAST(entry.value AS INTEGER)
FROM json_each(json_extract($stats, '$.listed_by_week')) AS entry;
