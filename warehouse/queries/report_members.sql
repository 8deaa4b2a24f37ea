-- The roster, and any tagged country missing from it (name and dates unknown).
SELECT code, name, joined_on, left_on, confidence FROM members
UNION ALL
SELECT DISTINCT member_code, NULL, NULL, NULL, NULL FROM member_timeline
WHERE member_code NOT IN (SELECT code FROM members)
ORDER BY code;
