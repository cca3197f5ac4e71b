DROP INDEX "archived_messages_contact_sha_uq";--> statement-breakpoint
ALTER TABLE "archived_messages" ADD COLUMN "dedup_key" text;--> statement-breakpoint
-- Rows filed before: their original's hash is the key they were unique by (a Message-ID is not re-read here).
UPDATE "archived_messages" SET "dedup_key" = 'sha256:' || "sha256";--> statement-breakpoint
ALTER TABLE "archived_messages" ALTER COLUMN "dedup_key" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "archived_messages_contact_dedup_uq" ON "archived_messages" USING btree ("tenant_id","contact_id","dedup_key");
