-- The importer's own choices for rows of a dry run (link to a candidate, new person, review).
ALTER TABLE "imports" ADD COLUMN "choices" jsonb DEFAULT '[]'::jsonb NOT NULL;