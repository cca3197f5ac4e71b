CREATE TABLE "addresses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"address" text NOT NULL,
	"domain" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"consecutive_soft_failures" integer DEFAULT 0 NOT NULL,
	"first_soft_failure_at" timestamp with time zone,
	"last_soft_failure_at" timestamp with time zone,
	"last_bounce_at" timestamp with time zone,
	"last_bounce_id" uuid,
	"last_delivery_at" timestamp with time zone,
	"suppression_reason" text,
	"suppression_detail" text,
	"suppressed_at" timestamp with time zone,
	"manual_reset_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"address" text,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"rule" text,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"evidence" jsonb,
	"reverts_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bounces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"raw_message_id" uuid,
	"source" text DEFAULT 'imap' NOT NULL,
	"kind" text NOT NULL,
	"recipient" text,
	"action" text,
	"status" text,
	"reply_code" smallint,
	"reason" text NOT NULL,
	"class" text NOT NULL,
	"diagnostic_code" text,
	"remote_mta" text,
	"feedback_type" text,
	"original_message_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"send_id" uuid,
	"match_method" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"decision" jsonb,
	"applied_at" timestamp with time zone,
	"assigned_by" text
);
--> statement-breakpoint
CREATE TABLE "domain_blocks" (
	"tenant_id" text NOT NULL,
	"domain" text NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "domain_blocks_tenant_id_domain_pk" PRIMARY KEY("tenant_id","domain")
);
--> statement-breakpoint
CREATE TABLE "list_suppressions" (
	"tenant_id" text NOT NULL,
	"address" text NOT NULL,
	"list_id" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "list_suppressions_tenant_id_address_list_id_pk" PRIMARY KEY("tenant_id","address","list_id")
);
--> statement-breakpoint
CREATE TABLE "mailbox_folder_state" (
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_folder_state_mailbox_id_folder_pk" PRIMARY KEY("mailbox_id","folder")
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"tls_mode" text NOT NULL,
	"tls_allow_invalid" boolean DEFAULT false NOT NULL,
	"auth_method" text NOT NULL,
	"username" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"source_folder" text DEFAULT 'INBOX' NOT NULL,
	"processed_folder" text DEFAULT 'Processed' NOT NULL,
	"manual_folder" text DEFAULT 'Manual' NOT NULL,
	"poll_interval_seconds" integer DEFAULT 1200 NOT NULL,
	"use_idle" boolean DEFAULT true NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"max_consecutive_failures" integer DEFAULT 5 NOT NULL,
	"disabled_reason" text,
	"last_error" text,
	"last_poll_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"email" text NOT NULL,
	"event_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_priority" text DEFAULT 'normal' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"type" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"address" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "raw_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"mailbox_id" uuid,
	"folder" text,
	"uid_validity" bigint,
	"uid" bigint,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"scope" text NOT NULL,
	"scope_value" text DEFAULT '' NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sender_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"receiving_domain" text NOT NULL,
	"reason" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"sample_diagnostic" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"external_id" text,
	"message_id" text,
	"recipient" text NOT NULL,
	"category" text DEFAULT 'transactional' NOT NULL,
	"list_id" text,
	"campaign_id" text,
	"correlation_token" text,
	"sent_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"delivered_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"grace_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"event_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"url" text NOT NULL,
	"event_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"secret_encrypted" text NOT NULL,
	"previous_secret_encrypted" text,
	"previous_secret_expires_at" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounces" ADD CONSTRAINT "bounces_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounces" ADD CONSTRAINT "bounces_raw_message_id_raw_messages_id_fk" FOREIGN KEY ("raw_message_id") REFERENCES "public"."raw_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounces" ADD CONSTRAINT "bounces_send_id_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."sends"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_blocks" ADD CONSTRAINT "domain_blocks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_suppressions" ADD CONSTRAINT "list_suppressions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_folder_state" ADD CONSTRAINT "mailbox_folder_state_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_subscriptions" ADD CONSTRAINT "operator_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raw_messages" ADD CONSTRAINT "raw_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_alerts" ADD CONSTRAINT "sender_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sends" ADD CONSTRAINT "sends_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_tenant_address_uq" ON "addresses" USING btree ("tenant_id","address");--> statement-breakpoint
CREATE INDEX "addresses_tenant_state_idx" ON "addresses" USING btree ("tenant_id","state","suppressed_at");--> statement-breakpoint
CREATE INDEX "addresses_tenant_domain_idx" ON "addresses" USING btree ("tenant_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_uq" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "audit_tenant_address_idx" ON "audit_log" USING btree ("tenant_id","address","created_at");--> statement-breakpoint
CREATE INDEX "audit_tenant_created_idx" ON "audit_log" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_reverts_uq" ON "audit_log" USING btree ("reverts_id") WHERE "audit_log"."reverts_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bounces_tenant_idem_uq" ON "bounces" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bounces_tenant_recipient_idx" ON "bounces" USING btree ("tenant_id","recipient","occurred_at");--> statement-breakpoint
CREATE INDEX "bounces_tenant_state_idx" ON "bounces" USING btree ("tenant_id","state","received_at");--> statement-breakpoint
CREATE INDEX "bounces_send_idx" ON "bounces" USING btree ("send_id");--> statement-breakpoint
CREATE INDEX "bounces_unmatched_message_id_idx" ON "bounces" USING btree ("tenant_id","original_message_id") WHERE "bounces"."state" = 'unmatched';--> statement-breakpoint
CREATE INDEX "bounces_unmatched_verp_send_idx" ON "bounces" USING btree ("tenant_id",("decision" ->> 'verpSendId')) WHERE "bounces"."state" = 'unmatched';--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_tenant_name_uq" ON "mailboxes" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_id_uq" ON "outbox" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("id") WHERE "outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_tenant_address_idx" ON "outbox" USING btree ("tenant_id","address","created_at");--> statement-breakpoint
CREATE INDEX "outbox_tenant_created_idx" ON "outbox" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "raw_messages_tenant_sha_uq" ON "raw_messages" USING btree ("tenant_id","sha256");--> statement-breakpoint
CREATE INDEX "raw_messages_status_idx" ON "raw_messages" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "raw_messages_location_idx" ON "raw_messages" USING btree ("mailbox_id","folder","uid_validity","status");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_scope_uq" ON "rule_sets" USING btree ("tenant_id","scope","scope_value");--> statement-breakpoint
CREATE UNIQUE INDEX "sender_alerts_open_uq" ON "sender_alerts" USING btree ("tenant_id","receiving_domain","reason") WHERE "sender_alerts"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sends_tenant_external_uq" ON "sends" USING btree ("tenant_id","external_id") WHERE "sends"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "sends_tenant_message_id_idx" ON "sends" USING btree ("tenant_id","message_id");--> statement-breakpoint
CREATE INDEX "sends_tenant_recipient_sent_idx" ON "sends" USING btree ("tenant_id","recipient","sent_at");--> statement-breakpoint
CREATE INDEX "sends_grace_idx" ON "sends" USING btree ("sent_at") WHERE "sends"."status" = 'sent' and "sends"."grace_confirmed_at" is null;--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_sub_event_uq" ON "webhook_deliveries" USING btree ("subscription_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_tenant_status_idx" ON "webhook_deliveries" USING btree ("tenant_id","status","created_at");