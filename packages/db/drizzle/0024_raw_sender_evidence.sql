-- What a sender diagnosis reads from a bounce (verdicts, the returned original's Received and DKIM-Signature headers),
-- written by the parse worker for sender-side bounces: the notification worker no longer reads the content back and
-- parses it a second time (about an eighth of its CPU in bench:pipeline). Nullable without default: no table rewrite.
ALTER TABLE "raw_messages" ADD COLUMN "sender_evidence" jsonb;
