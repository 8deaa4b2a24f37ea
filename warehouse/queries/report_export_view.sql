-- Write one view ($view, a name from a fixed list) to the Parquet file $path.
COPY (FROM query_table($view)) TO $path (FORMAT parquet);
