-- The twelve most recent goal-quarter rows, for a glance in the UI.
SELECT goal, quarter, documents, action_documents, commitment_documents
FROM goal_activity_quarterly ORDER BY quarter DESC, goal LIMIT 12;
