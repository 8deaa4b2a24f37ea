-- Member x goal over the whole period, for the heatmap.
SELECT member_code, goal, documents, actions, commitments
FROM member_timeline
ORDER BY member_code, goal;
