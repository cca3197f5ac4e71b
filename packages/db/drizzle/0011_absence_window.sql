ALTER TABLE "addresses" ADD COLUMN "absent_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "addresses" ADD COLUMN "absent_until" timestamp with time zone;