ALTER TABLE "mailboxes" ADD COLUMN "provider" text;--> statement-breakpoint
-- Mailboxes signed in before the column existed: their provider is their grant's.
UPDATE "mailboxes" m SET "provider" = g."provider" FROM "mailbox_oauth_grants" g WHERE g."mailbox_id" = m."id" AND m."auth_method" = 'oauth2';
