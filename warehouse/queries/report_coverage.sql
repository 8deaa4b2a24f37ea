-- The coverage ledger per source and week (week NULL: undated), for the coverage note and chart.
SELECT source, week, status, listed, fetched, extracted, tagged, missing
FROM coverage
ORDER BY source, week NULLS LAST;
