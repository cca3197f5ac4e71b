CREATE TABLE "address_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"address" text NOT NULL,
	"suggested" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"raw_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_addresses" (
	"contact_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"address" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "contact_addresses_contact_id_address_pk" PRIMARY KEY("contact_id","address")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "address_suggestions" ADD CONSTRAINT "address_suggestions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_addresses" ADD CONSTRAINT "contact_addresses_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_suggestions_tenant_address_idx" ON "address_suggestions" USING btree ("tenant_id","address","created_at");--> statement-breakpoint
CREATE INDEX "contact_addresses_tenant_address_idx" ON "contact_addresses" USING btree ("tenant_id","address");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_tenant_external_uq" ON "contacts" USING btree ("tenant_id","external_id");