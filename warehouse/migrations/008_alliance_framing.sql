-- Whether a document frames itself as Alliance work: it names the Global Alliance, WePROTECT or the
-- Alliance's targets. Decided with relevance, per codebook version; NULL for tags of older codebooks.
ALTER TABLE document_relevance ADD COLUMN alliance_framed BOOLEAN;
