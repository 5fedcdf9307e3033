-- Per-record keys of sealed audit values: purging a record deletes its key (TRUST 14).
CREATE TABLE "record_keys" (
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_keys_entity_entity_id_pk" PRIMARY KEY("entity","entity_id")
);
