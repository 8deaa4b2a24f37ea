-- Every dated document showing a member and a goal, for the member timelines.
SELECT member_code, goal, published, action
FROM member_goal_documents
WHERE published IS NOT NULL
ORDER BY member_code, published, goal;
