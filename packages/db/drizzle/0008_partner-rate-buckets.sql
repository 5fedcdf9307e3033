-- Request budgets of partner API callers, shared by every server process (ASVS 2.4.1).
CREATE TABLE "rate_buckets" (
	"budget" text NOT NULL,
	"caller" text NOT NULL,
	"full_at" double precision NOT NULL,
	CONSTRAINT "rate_buckets_budget_caller_pk" PRIMARY KEY("budget","caller")
);
--> statement-breakpoint
CREATE INDEX "rate_buckets_full_at_idx" ON "rate_buckets" USING btree ("full_at");