CREATE TABLE "sender_health_alert_bounces" (
	"tenant_id" text NOT NULL,
	"bounce_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"diagnosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sender_health_alert_bounces_tenant_id_bounce_id_pk" PRIMARY KEY("tenant_id","bounce_id")
);
--> statement-breakpoint
CREATE TABLE "sender_health_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"group_key" text NOT NULL,
	"provider_id" text NOT NULL,
	"provider_name" text NOT NULL,
	"cause" text NOT NULL,
	"subject" text,
	"count" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"close_reason" text,
	"closed_at" timestamp with time zone,
	"diagnosis" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"last_checked_at" timestamp with time zone NOT NULL,
	"next_check_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sender_setup_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"domain" text NOT NULL,
	"request" jsonb NOT NULL,
	"report" jsonb,
	"status" text,
	"last_checked_at" timestamp with time zone,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sender_health_alert_bounces" ADD CONSTRAINT "sender_health_alert_bounces_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_health_alert_bounces" ADD CONSTRAINT "sender_health_alert_bounces_alert_id_sender_health_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."sender_health_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_health_alerts" ADD CONSTRAINT "sender_health_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_setup_checks" ADD CONSTRAINT "sender_setup_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sender_health_alert_bounces_alert_idx" ON "sender_health_alert_bounces" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sender_health_alerts_open_uq" ON "sender_health_alerts" USING btree ("tenant_id","group_key") WHERE "sender_health_alerts"."state" = 'open';--> statement-breakpoint
CREATE INDEX "sender_health_alerts_tenant_seen_idx" ON "sender_health_alerts" USING btree ("tenant_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "sender_health_alerts_due_idx" ON "sender_health_alerts" USING btree ("next_check_at") WHERE "sender_health_alerts"."state" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "sender_setup_checks_tenant_domain_uq" ON "sender_setup_checks" USING btree ("tenant_id","domain");--> statement-breakpoint
CREATE INDEX "sender_setup_checks_due_idx" ON "sender_setup_checks" USING btree ("next_check_at");