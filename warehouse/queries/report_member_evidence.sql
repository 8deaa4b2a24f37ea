-- Every dated document with an implementation event of a member and goal (any role), for the member
-- timelines: one point per document, an action when it reports the goal done.
SELECT member_code, goal, published, bool_or(action) AS action
FROM member_goal_documents
WHERE published IS NOT NULL
GROUP BY member_code, goal, published, doc_id
ORDER BY member_code, published, goal;
