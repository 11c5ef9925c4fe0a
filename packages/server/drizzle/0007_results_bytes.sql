-- Stored results become bytes ready to send (no explanations); the earlier rows are dropped and
-- recomputed at startup (bootstrap: recomputeMissing).
DELETE FROM "period_results";--> statement-breakpoint
ALTER TABLE "period_results" DROP COLUMN "result";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "period_results" ADD COLUMN "body" text NOT NULL;--> statement-breakpoint
ALTER TABLE "period_results" ADD COLUMN "public_body" text NOT NULL;--> statement-breakpoint
ALTER TABLE "period_results" ADD COLUMN "etag" text NOT NULL;--> statement-breakpoint
ALTER TABLE "period_results" ADD COLUMN "standings" jsonb NOT NULL;--> statement-breakpoint
-- Every statement that changes a campaign's figures moves its data version on (once per statement,
-- whatever the number of rows): the figure caches of every server process compare against it.
CREATE FUNCTION "figures_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		UPDATE "campaigns" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT DISTINCT "campaign_id" FROM old_rows);
	ELSE
		UPDATE "campaigns" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT DISTINCT "campaign_id" FROM new_rows);
	END IF;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "figures_data_version_insert" AFTER INSERT ON "figures" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "figures_data_version"();--> statement-breakpoint
CREATE TRIGGER "figures_data_version_update" AFTER UPDATE ON "figures" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "figures_data_version"();--> statement-breakpoint
CREATE TRIGGER "figures_data_version_delete" AFTER DELETE ON "figures" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "figures_data_version"();
