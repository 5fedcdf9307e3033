-- A second factor (TOTP) for staff accounts, required for admins (TRUST 5): the secret, when it
-- was confirmed, and the time step of the last code accepted, so that no code is accepted twice.
ALTER TABLE "users" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" integer;