-- Fewer B-tree entries per applied bounce (docs/capacity.md, issue 15). bounce_keys.received_at is read only to
-- delete the keys of a dropped month, and keys arrive in received_at order: a BRIN range index serves that. The
-- lists by state never ask for 'applied', nearly every row: the state index leaves those rows out.
DROP INDEX "bounce_keys_received_idx";--> statement-breakpoint
DROP INDEX "bounces_tenant_state_idx";--> statement-breakpoint
CREATE INDEX "bounce_keys_received_idx" ON "bounce_keys" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "bounces_tenant_state_idx" ON "bounces" USING btree ("tenant_id","state","received_at") WHERE "bounces"."state" <> 'applied';
