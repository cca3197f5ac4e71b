CREATE TABLE "tenant_smtp_servers" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"tls_mode" text NOT NULL,
	"tls_allow_invalid" boolean DEFAULT false NOT NULL,
	"auth_method" text NOT NULL,
	"username" text,
	"secret_encrypted" text,
	"oauth_mailbox_id" uuid,
	"from_address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_smtp_servers" ADD CONSTRAINT "tenant_smtp_servers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_smtp_servers" ADD CONSTRAINT "tenant_smtp_servers_oauth_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("oauth_mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;