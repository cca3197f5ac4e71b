CREATE TABLE "mailbox_oauth_grants" (
	"mailbox_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"flow_secret_encrypted" text,
	"state_hash" text,
	"user_code" text,
	"verification_uri" text,
	"poll_interval_seconds" integer,
	"next_poll_at" timestamp with time zone,
	"flow_expires_at" timestamp with time zone,
	"refresh_token_encrypted" text,
	"access_token_encrypted" text,
	"access_token_expires_at" timestamp with time zone,
	"scope" text,
	"last_error" text,
	"connected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailbox_oauth_grants" ADD CONSTRAINT "mailbox_oauth_grants_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailbox_oauth_grants_state_uq" ON "mailbox_oauth_grants" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "mailbox_oauth_grants_poll_idx" ON "mailbox_oauth_grants" USING btree ("next_poll_at");