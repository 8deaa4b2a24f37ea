-- When the newest extraction happened, and how many extracted versions are undated.
SELECT max(extracted_at) AS newest, count(*) FILTER (WHERE published IS NULL) AS undated FROM extracted_texts;
