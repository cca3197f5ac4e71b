CREATE TABLE "archive_blobs" (
	"tenant_id" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_blobs_tenant_id_sha256_pk" PRIMARY KEY("tenant_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "archived_attachments" (
	"archived_message_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"tenant_id" text NOT NULL,
	"filename" text,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"stored" boolean NOT NULL,
	CONSTRAINT "archived_attachments_archived_message_id_position_pk" PRIMARY KEY("archived_message_id","position")
);
--> statement-breakpoint
CREATE TABLE "archived_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"raw_message_id" uuid,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"subject" text,
	"message_date" timestamp with time zone,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"archived_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "archive_retention_days" integer;--> statement-breakpoint
ALTER TABLE "archive_blobs" ADD CONSTRAINT "archive_blobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_attachments" ADD CONSTRAINT "archived_attachments_archived_message_id_archived_messages_id_fk" FOREIGN KEY ("archived_message_id") REFERENCES "public"."archived_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_messages" ADD CONSTRAINT "archived_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_messages" ADD CONSTRAINT "archived_messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archived_attachments_blob_idx" ON "archived_attachments" USING btree ("tenant_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "archived_messages_contact_sha_uq" ON "archived_messages" USING btree ("tenant_id","contact_id","sha256");--> statement-breakpoint
CREATE INDEX "archived_messages_contact_idx" ON "archived_messages" USING btree ("tenant_id","contact_id","archived_at");--> statement-breakpoint
CREATE INDEX "archived_messages_archived_at_idx" ON "archived_messages" USING btree ("tenant_id","archived_at");