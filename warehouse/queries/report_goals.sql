-- The goals in the order of the Alliance's targets.
SELECT code, name FROM goals ORDER BY target, code;
