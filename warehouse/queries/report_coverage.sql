-- Coverage per source and week (week NULL: undated), for the coverage note and chart.
SELECT source, week, listed, fetched, extracted, tagged, failed
FROM coverage
ORDER BY source, week NULLS LAST;
