-- Raw message contents compressed with LZ4 instead of pglz (the server's default_toast_compression): the fetch worker's
-- insert of a batch spent most of its PostgreSQL CPU compressing the contents with pglz. storeRawMessages on 500 dev
-- corpus bounces per batch, same run, alternating (load 12-16): 90-106 µs of PostgreSQL CPU per message with pglz,
-- 64-76 with LZ4; reading (the parse worker, sender health) decompresses faster too. Only new values: stored ones keep
-- pglz and stay readable. A partitioned raw_messages passes it on to its partitions. A server built without LZ4
-- (or PGlite) keeps pglz: the migration does not fail for it.
DO $$
BEGIN
  ALTER TABLE "raw_messages" ALTER COLUMN "content" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'LZ4 not supported by this server: raw_messages.content keeps the default compression';
END $$;
