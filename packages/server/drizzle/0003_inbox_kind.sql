ALTER TABLE "reminders" ADD COLUMN "kind" text DEFAULT 'reminder' NOT NULL;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_kind_check" CHECK ("reminders"."kind" in ('reminder', 'returned'));--> statement-breakpoint
-- Backfill: before this migration a returned figure's inbox note read `P“name”数据（value）被退回：reason`;
-- every other row was a reminder. Existing rows keep their text as written (params stay null).
UPDATE "reminders" SET "kind" = 'returned' WHERE "message" LIKE '%”数据（%）被退回：%';
