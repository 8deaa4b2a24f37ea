-- Goal x quarter, actions and commitments, for the activity chart.
SELECT goal, quarter, action_documents, commitment_documents
FROM goal_activity_quarterly
ORDER BY goal, quarter;
