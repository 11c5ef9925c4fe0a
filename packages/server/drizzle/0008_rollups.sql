CREATE TABLE "rollup_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"unit_id" text,
	"indicator_id" text NOT NULL,
	"source_campaign_id" text NOT NULL,
	"measure" text NOT NULL,
	"flag_id" text,
	"source_indicator_id" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_links_measure_check" CHECK ("rollup_links"."measure" in ('mean_total', 'flag_share', 'indicator_mean', 'indicator_sum', 'unit_summary', 'unit_mean_total'))
);
--> statement-breakpoint
CREATE TABLE "rollup_values" (
	"link_id" integer NOT NULL,
	"unit_id" text NOT NULL,
	"period" text NOT NULL,
	"source_period" text NOT NULL,
	"value" text NOT NULL,
	"outcome" text NOT NULL,
	"request_id" integer,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rollup_values_link_id_unit_id_period_pk" PRIMARY KEY("link_id","unit_id","period"),
	CONSTRAINT "rollup_values_outcome_check" CHECK ("rollup_values"."outcome" in ('written', 'correction'))
);
--> statement-breakpoint
ALTER TABLE "rollup_links" ADD CONSTRAINT "rollup_links_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_links" ADD CONSTRAINT "rollup_links_source_campaign_id_campaigns_id_fk" FOREIGN KEY ("source_campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_links" ADD CONSTRAINT "rollup_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_values" ADD CONSTRAINT "rollup_values_link_id_rollup_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."rollup_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_links_campaign_idx" ON "rollup_links" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "rollup_links_source_idx" ON "rollup_links" USING btree ("source_campaign_id");