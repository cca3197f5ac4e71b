CREATE TABLE "activity_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" jsonb,
	"status" smallint NOT NULL,
	"request_id" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"user_agent" text,
	"ip" text
);
--> statement-breakpoint
DROP INDEX "addresses_tenant_state_idx";--> statement-breakpoint
ALTER TABLE "raw_messages" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "raw_messages" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "raw_messages" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "raw_messages" ADD COLUMN "filed_address" text;--> statement-breakpoint
ALTER TABLE "activity_log" ADD CONSTRAINT "activity_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_accounts" ADD CONSTRAINT "operator_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_account_id_operator_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."operator_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_log_tenant_idx" ON "activity_log" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "operator_accounts_email_uq" ON "operator_accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "operator_accounts_tenant_idx" ON "operator_accounts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "operator_sessions_account_idx" ON "operator_sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "operator_sessions_expires_idx" ON "operator_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "addresses_tenant_address_c_idx" ON "addresses" USING btree ("tenant_id",("address" collate "C"));--> statement-breakpoint
CREATE INDEX "addresses_blocked_address_c_idx" ON "addresses" USING btree ("tenant_id",("address" collate "C")) WHERE "addresses"."state" = 'blocked';--> statement-breakpoint
CREATE INDEX "addresses_soft_failures_idx" ON "addresses" USING btree ("tenant_id","consecutive_soft_failures") WHERE "addresses"."consecutive_soft_failures" > 0;--> statement-breakpoint
CREATE INDEX "bounces_tenant_occurred_idx" ON "bounces" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "raw_messages_manual_idx" ON "raw_messages" USING btree ("tenant_id","received_at","id") WHERE "raw_messages"."status" = 'manual' and "raw_messages"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "raw_messages_filed_idx" ON "raw_messages" USING btree ("tenant_id","filed_address") WHERE "raw_messages"."filed_address" is not null;--> statement-breakpoint
CREATE INDEX "sends_tenant_sent_idx" ON "sends" USING btree ("tenant_id","sent_at");--> statement-breakpoint
CREATE INDEX "addresses_tenant_state_idx" ON "addresses" USING btree ("tenant_id","state","suppressed_at","id");