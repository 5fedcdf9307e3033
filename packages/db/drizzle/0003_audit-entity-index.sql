-- A record's history (history.list) reads its audit entries by entity and id, oldest first.
CREATE INDEX "audit_entries_entity_idx" ON "audit_entries" USING btree ("entity","entity_id","seq");