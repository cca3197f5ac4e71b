-- Empty at first and filled by the writers from now on; `pnpm --filter @bounce/db partition` adds the keys of the rows
-- stored before, online, then partitions raw_messages and bounces (docs/retention.md). Until then the tables' own
-- unique indexes still hold the keys.
CREATE TABLE "bounce_keys" (
	"tenant_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bounce_keys_tenant_id_idempotency_key_pk" PRIMARY KEY("tenant_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "raw_message_keys" (
	"tenant_id" text NOT NULL,
	"sha256" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "raw_message_keys_tenant_id_sha256_pk" PRIMARY KEY("tenant_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "bounce_keys" ADD CONSTRAINT "bounce_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raw_message_keys" ADD CONSTRAINT "raw_message_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bounce_keys_received_idx" ON "bounce_keys" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "raw_message_keys_received_idx" ON "raw_message_keys" USING btree ("received_at");