CREATE TABLE "review_follow_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"unit_id" text NOT NULL,
	"text" text NOT NULL,
	"due" text NOT NULL,
	"case_id" integer,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_meeting_units" (
	"meeting_id" integer NOT NULL,
	"unit_id" text NOT NULL,
	"position" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"statement" text,
	"commitments" jsonb NOT NULL,
	"stated_by" integer,
	"stated_at" timestamp with time zone,
	CONSTRAINT "review_meeting_units_meeting_id_unit_id_pk" PRIMARY KEY("meeting_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "review_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"title" text NOT NULL,
	"held_on" text NOT NULL,
	"place" text NOT NULL,
	"agenda" jsonb NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_meetings_kind_check" CHECK ("review_meetings"."kind" in ('bimonthly', 'quarterly', 'report')),
	CONSTRAINT "review_meetings_state_check" CHECK ("review_meetings"."state" in ('planned', 'held', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "review_follow_ups" ADD CONSTRAINT "review_follow_ups_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_follow_ups" ADD CONSTRAINT "review_follow_ups_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_follow_ups" ADD CONSTRAINT "review_follow_ups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meeting_units" ADD CONSTRAINT "review_meeting_units_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meeting_units" ADD CONSTRAINT "review_meeting_units_stated_by_users_id_fk" FOREIGN KEY ("stated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_follow_ups_meeting_idx" ON "review_follow_ups" USING btree ("meeting_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_meetings_period_key" ON "review_meetings" USING btree ("campaign_id","kind","period");