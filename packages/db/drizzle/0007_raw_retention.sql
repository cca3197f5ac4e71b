ALTER TABLE "raw_messages" ADD COLUMN "content_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "raw_retention_days" integer;--> statement-breakpoint
-- raw_messages_retention_idx (src/schema.ts) is built CONCURRENTLY by ensureRetentionIndex (the rules worker's
-- history-retention task, and `pnpm --filter @bounce/db partition`), not here: migrations run in one transaction, and a
-- plain CREATE INDEX blocked writes to raw_messages for 1.8 s on 1,000,000 rows (docs/retention.md).
SELECT 1;
