SELECT source, count(*) AS documents, count(*) FILTER (WHERE relevant) AS relevant
FROM documents GROUP BY source ORDER BY source;
