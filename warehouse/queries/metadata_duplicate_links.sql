-- Documents linked to a canonical document they repeat.
SELECT count(*) FROM document_duplicates;
