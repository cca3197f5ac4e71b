-- The two foreign keys below were checked once per inserted row, a query and a row lock each: in a fan-out of 10,000
-- deliveries of one subscription (load ~30) 415 of 1,500 ms of the insert, and 460 of 698 ms of inserting their
-- attempts (EXPLAIN ANALYZE, "Trigger for constraint"). The fan-out now locks its batch's subscriptions once per
-- statement (FOR KEY SHARE, so a subscription deleted meanwhile gets no delivery and one deleted after waits for the
-- fan-out to commit), and every attempt is inserted by the statement that updates its delivery. Their ON DELETE
-- CASCADE stays, as statement triggers: deleting subscriptions deletes their deliveries, deleting deliveries their
-- attempts. IF EXISTS and the "_p" names: after `pnpm --filter @bounce/db partition` webhook_attempts carries the
-- constraint under the partitioned table's name.
ALTER TABLE "webhook_attempts" DROP CONSTRAINT IF EXISTS "webhook_attempts_delivery_id_webhook_deliveries_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_attempts" DROP CONSTRAINT IF EXISTS "webhook_attempts_delivery_id_webhook_deliveries_id_fk_p";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT IF EXISTS "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk";
--> statement-breakpoint
CREATE FUNCTION "webhook_subscriptions_delete_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "webhook_deliveries" WHERE "subscription_id" IN (SELECT "id" FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "webhook_subscriptions_delete_deliveries" AFTER DELETE ON "webhook_subscriptions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_subscriptions_delete_deliveries"();
--> statement-breakpoint
CREATE FUNCTION "webhook_deliveries_delete_attempts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "webhook_attempts" WHERE "delivery_id" IN (SELECT "id" FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "webhook_deliveries_delete_attempts" AFTER DELETE ON "webhook_deliveries"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "webhook_deliveries_delete_attempts"();
--> statement-breakpoint
-- Room on each page for the claim's update of next_attempt_at (no index has it), so that update is HOT: no new entry
-- in the three indexes. At fillfactor 100 a delivery's page was full from its insert, and every claim wrote a new
-- tuple elsewhere with three index entries: 20,000 claims took 2,890 ms, at fillfactor 50 509 ms (95 % HOT; load ~30).
-- The attempt's own update changes status (indexed) and is never HOT.
ALTER TABLE "webhook_deliveries" SET (fillfactor = 50);
