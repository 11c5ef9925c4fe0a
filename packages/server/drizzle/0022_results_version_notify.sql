-- The leaderboard route keeps, per server process, each period's etag and whether the stored results
-- have caught up with the figures (services/results-version.ts). Whatever changes either tells every
-- process (NOTIFY leitai_results_version, the campaign's id, delivered at commit): a figure write
-- (the campaign's data version moves on), stored results written or removed, the data version they
-- reflect.
CREATE FUNCTION "results_version_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('leitai_results_version', json_build_object('campaign', NEW.id)::text);
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "results_version_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	c text;
BEGIN
	FOR c IN SELECT DISTINCT campaign_id FROM changed_rows LOOP
		PERFORM pg_notify('leitai_results_version', json_build_object('campaign', c)::text);
	END LOOP;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "campaigns_data_version_notify" AFTER UPDATE OF "data_version" ON "campaigns" FOR EACH ROW EXECUTE FUNCTION "results_version_row"();--> statement-breakpoint
CREATE TRIGGER "period_results_insert_notify" AFTER INSERT ON "period_results" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_version_rows"();--> statement-breakpoint
CREATE TRIGGER "period_results_update_notify" AFTER UPDATE ON "period_results" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_version_rows"();--> statement-breakpoint
CREATE TRIGGER "period_results_delete_notify" AFTER DELETE ON "period_results" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_version_rows"();--> statement-breakpoint
CREATE TRIGGER "campaign_results_insert_notify" AFTER INSERT ON "campaign_results" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_version_rows"();--> statement-breakpoint
CREATE TRIGGER "campaign_results_update_notify" AFTER UPDATE ON "campaign_results" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "results_version_rows"();
