CREATE TABLE "ballot_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"ballot_id" integer NOT NULL,
	"group_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"used" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_votes" (
	"id" serial PRIMARY KEY NOT NULL,
	"ballot_id" integer NOT NULL,
	"group_id" text NOT NULL,
	"content" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"indicator_id" text,
	"period" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone,
	"state" text DEFAULT 'open' NOT NULL,
	"result" jsonb,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_kind_check" CHECK ("ballots"."kind" in ('marks', 'approval', 'levels')),
	CONSTRAINT "ballots_state_check" CHECK ("ballots"."state" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "honours" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"honour" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"person_id" integer,
	"unit_name" text,
	"citation" text NOT NULL,
	"selection_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "honours_subject_check" CHECK (("honours"."person_id" is null) <> ("honours"."unit_name" is null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"date" text NOT NULL,
	"what" text NOT NULL,
	"evidence" text,
	"key_work" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" serial PRIMARY KEY NOT NULL,
	"selection_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"unit_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'nominated' NOT NULL,
	"share" text,
	"withdrawn_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nominations_status_check" CHECK ("nominations"."status" in ('nominated', 'elected', 'not_elected', 'withdrawn', 'confirmed'))
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"selection_id" integer NOT NULL,
	"nomination_id" integer,
	"text" text NOT NULL,
	"contact" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reply" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objections_status_check" CHECK ("objections"."status" in ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"post" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_post_check" CHECK ("persons"."post" in ('secretary', 'team', 'member', 'cadre'))
);
--> statement-breakpoint
CREATE TABLE "selections" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"honour" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"quota" integer NOT NULL,
	"threshold" text NOT NULL,
	"state" text DEFAULT 'nominating' NOT NULL,
	"ballot_id" integer,
	"tie" jsonb,
	"tie_decision" jsonb,
	"publicity_until" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selections_state_check" CHECK ("selections"."state" in ('nominating', 'voting', 'tie', 'elected', 'publicity', 'confirmed')),
	CONSTRAINT "selections_quota_check" CHECK ("selections"."quota" >= 0)
);
--> statement-breakpoint
ALTER TABLE "ballot_tokens" ADD CONSTRAINT "ballot_tokens_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_selection_id_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_selection_id_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."selections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_selection_id_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."selections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_tokens_hash_key" ON "ballot_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "ballot_tokens_ballot_idx" ON "ballot_tokens" USING btree ("ballot_id");--> statement-breakpoint
CREATE INDEX "ballot_votes_ballot_idx" ON "ballot_votes" USING btree ("ballot_id");--> statement-breakpoint
CREATE INDEX "ballots_campaign_idx" ON "ballots" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "honours_organization_idx" ON "honours" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "honours_person_idx" ON "honours" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_person_idx" ON "ledger_entries" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "nominations_selection_idx" ON "nominations" USING btree ("selection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_person_key" ON "nominations" USING btree ("selection_id","person_id");--> statement-breakpoint
CREATE INDEX "objections_selection_idx" ON "objections" USING btree ("selection_id");--> statement-breakpoint
CREATE INDEX "persons_organization_idx" ON "persons" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "selections_campaign_idx" ON "selections" USING btree ("campaign_id");