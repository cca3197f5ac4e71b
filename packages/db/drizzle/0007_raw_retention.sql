ALTER TABLE "raw_messages" ADD COLUMN "content_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "raw_retention_days" integer;--> statement-breakpoint
CREATE INDEX "raw_messages_retention_idx" ON "raw_messages" USING btree ("received_at") WHERE "raw_messages"."content_purged_at" is null;