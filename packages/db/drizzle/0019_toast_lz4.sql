-- The apply path's largest JSON values (audit evidence: the rule configuration in force, the bounce, the send and
-- the soft failures cited; event payloads) pass 2 kB and are compressed as they are written: with pglz that was 3 %
-- of the server's CPU on the apply path (perf). lz4 compresses several times faster for a little less reduction:
-- bench:rules 91.5 -> 85.6 ms of PostgreSQL CPU per batch of 500 (BENCH_AB_A/B, docs/capacity.md). Only new values
-- are written with lz4; stored ones stay readable as they are. A server built without lz4 (embedded PGlite) keeps
-- pglz.
DO $$
BEGIN
  ALTER TABLE "audit_log" ALTER COLUMN "evidence" SET COMPRESSION lz4;
  ALTER TABLE "outbox" ALTER COLUMN "payload" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
