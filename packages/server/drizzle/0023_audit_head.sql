CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_head_one_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
-- the head as the chain stands: its last entry, or the genesis hash before any entry
INSERT INTO "audit_head" ("id", "seq", "hash")
SELECT 1, coalesce((SELECT "seq" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1), 0), coalesce((SELECT "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1), repeat('0', 64));
