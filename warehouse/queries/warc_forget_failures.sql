-- A WARC file that changed (restored, replaced, removed): its responses that failed are read again.
DELETE FROM warc_verifications WHERE warc_file = $warc_file AND NOT ok;
