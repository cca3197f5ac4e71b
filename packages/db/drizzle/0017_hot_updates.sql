-- HOT updates on the apply path (docs/capacity.md). An update that changes no indexed column (nor a column of an
-- index's predicate) is HOT: the new row version stays on its page and no index gets an entry. Most of the apply
-- path's address updates change only the soft count and failure times, and most of its send updates only status,
-- bounced_at and delivered_at; but the soft count was indexed (addresses_soft_failures_idx: each such update
-- added an entry to every one of the table's seven indexes) and status was in sends_grace_idx's predicate (five
-- indexes). The rules preview now counts a tenant's active addresses by state; the grace-period job reads sends
-- by a predicate the apply path never changes and retires the sends it finds no longer waiting (grace_checked_at).
DROP INDEX "addresses_soft_failures_idx";--> statement-breakpoint
DROP INDEX "sends_grace_idx";--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "grace_checked_at" timestamp with time zone;--> statement-breakpoint
-- Sends that stopped waiting before this migration (bounced, delivered, ...) stay out of the new index.
UPDATE "sends" SET "grace_checked_at" = now() WHERE "status" <> 'sent' AND "grace_confirmed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "sends_grace_idx" ON "sends" USING btree ("sent_at") WHERE "sends"."grace_confirmed_at" is null and "sends"."grace_checked_at" is null;--> statement-breakpoint
-- Room on each page for the new row versions (existing pages get it as they are vacuumed).
ALTER TABLE "addresses" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "sends" SET (fillfactor = 80);
