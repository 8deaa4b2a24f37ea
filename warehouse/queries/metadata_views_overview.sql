-- Documents and relevant documents the views show.
SELECT count(*) AS documents, count(*) FILTER (WHERE relevant) AS relevant FROM documents;
