"""The raw archive, the bottom layer under spiders and warehouse alike: every HTTP response received,
written to gzipped WARC files with an index (warc), read back and verified (verify). Imports neither
spiders nor warehouse."""
