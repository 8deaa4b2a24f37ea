-- Every codebook version that has tagged at least one document version.
SELECT DISTINCT codebook_version FROM document_relevance ORDER BY codebook_version;
