ALTER TABLE "campaign_periods" DROP CONSTRAINT "campaign_periods_state_check";--> statement-breakpoint
ALTER TABLE "campaign_periods" ADD CONSTRAINT "campaign_periods_state_check" CHECK ("campaign_periods"."state" in ('unopened', 'open', 'verification', 'closed'));--> statement-breakpoint
-- Until now a period without a row was open. From now on it is not yet open (未开启): keep open every
-- period that has already taken figures, reminders or requests (written by hand: a data migration).
-- Periods with a row (a deadline, verification, closed) keep their state as they are.
INSERT INTO "campaign_periods" ("campaign_id", "period", "state", "updated_at")
SELECT DISTINCT "campaign_id", "period", 'open', now() FROM (
	SELECT "campaign_id", "period" FROM "figures"
	UNION SELECT "campaign_id", "period" FROM "reminders"
	UNION SELECT "campaign_id", "period" FROM "change_requests"
) AS used
ON CONFLICT ("campaign_id", "period") DO NOTHING;
