CREATE TABLE "notification_interest" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION "bump_notification_interest"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Raised on any change to a tenant's subscriptions; relays reload the tenant's interest when it moves.
  INSERT INTO "notification_interest" AS n ("tenant_id", "version")
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD."tenant_id" ELSE NEW."tenant_id" END, 1)
  ON CONFLICT ("tenant_id") DO UPDATE SET "version" = n."version" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "webhook_subscriptions_interest" AFTER INSERT OR UPDATE OR DELETE ON "webhook_subscriptions"
  FOR EACH ROW EXECUTE FUNCTION "bump_notification_interest"();--> statement-breakpoint
CREATE TRIGGER "operator_subscriptions_interest" AFTER INSERT OR UPDATE OR DELETE ON "operator_subscriptions"
  FOR EACH ROW EXECUTE FUNCTION "bump_notification_interest"();
