CREATE TABLE "mailbox_pop3_seen" (
	"mailbox_id" uuid NOT NULL,
	"uidl" text NOT NULL,
	"raw_message_id" uuid,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_pop3_seen_mailbox_id_uidl_pk" PRIMARY KEY("mailbox_id","uidl")
);
--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "protocol" text DEFAULT 'imap' NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "leave_on_server" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "mailbox_pop3_seen" ADD CONSTRAINT "mailbox_pop3_seen_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;