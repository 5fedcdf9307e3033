-- Audit entries never expire (TRUST 11): the database itself refuses to change, delete or
-- truncate them, whatever the code above it does. An owner of the database can still disable
-- the trigger; the hash chain and an exported head are what catch that.
CREATE FUNCTION "audit_entries_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit entries are append-only: % on audit_entries is refused', TG_OP
		USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_entries_append_only"
	BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_entries"
	FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_refuse_change"();
