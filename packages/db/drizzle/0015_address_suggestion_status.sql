ALTER TABLE "address_suggestions" ADD COLUMN "status" text DEFAULT 'suggested' NOT NULL;--> statement-breakpoint
ALTER TABLE "address_suggestions" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "address_suggestions" ADD COLUMN "decided_at" timestamp with time zone;