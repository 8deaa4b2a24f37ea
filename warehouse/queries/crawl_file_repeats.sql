-- Whether a document is on more than one staged line of the crawl file (e.g. listed on two pages, or
-- changed during the crawl). Only then do the lines' order and numbers matter to the loader.
SELECT count(*) > count(DISTINCT doc_id) FROM raw_staging;
