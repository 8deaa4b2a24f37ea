-- Write one relation ($relation, a name from a fixed list) to the Parquet file $path, with the
-- export's provenance in the file's key-value metadata (values are text; JSON where structured).
COPY (FROM query_table($relation)) TO $path (FORMAT parquet, KV_METADATA {
    file: $file,
    rows: $rows,
    snapshot_time: $snapshot_time,
    codebook_version: $codebook_version,
    extractor_versions: $extractor_versions,
    git_commit: $git_commit,
    accuracy: $accuracy,
    manifest: $manifest
});
