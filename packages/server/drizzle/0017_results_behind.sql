-- A figure write commits without recomputing; the results catch up after it (services/recompute.ts).
-- campaign_results: the data version the stored results reflect; results_pending: periods written since.
CREATE TABLE "campaign_results" (
	"campaign_id" text PRIMARY KEY NOT NULL,
	"data_version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "results_pending" (
	"campaign_id" text NOT NULL,
	"data_version" bigint NOT NULL,
	"period" text NOT NULL,
	CONSTRAINT "results_pending_campaign_id_data_version_period_pk" PRIMARY KEY("campaign_id","data_version","period")
);
--> statement-breakpoint
ALTER TABLE "campaign_results" ADD CONSTRAINT "campaign_results_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_pending" ADD CONSTRAINT "results_pending_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- the results stored now are those of the figures stored now
INSERT INTO "campaign_results" ("campaign_id", "data_version") SELECT "id", "data_version" FROM "campaigns";
