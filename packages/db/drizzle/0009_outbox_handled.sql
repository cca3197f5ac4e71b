ALTER TABLE "outbox" ADD COLUMN "handled_at" timestamp with time zone;--> statement-breakpoint
-- Events published before this migration count as handled: the reconciler must not re-send the whole history.
UPDATE "outbox" SET "handled_at" = "published_at" WHERE "published_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_unhandled_idx" ON "outbox" USING btree ("published_at") WHERE "outbox"."published_at" is not null and "outbox"."handled_at" is null;
