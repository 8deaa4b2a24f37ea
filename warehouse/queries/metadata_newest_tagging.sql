-- When the newest tagging happened.
SELECT max(tagged_at) FROM document_relevance;
