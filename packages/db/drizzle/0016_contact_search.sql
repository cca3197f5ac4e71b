-- Contact search (console): trigram indexes need pg_trgm (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "contact_addresses_address_trgm_idx" ON "contact_addresses" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin (lower(coalesce("name", '') || ' ' || "external_id") gin_trgm_ops);