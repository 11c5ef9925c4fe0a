CREATE TABLE "commitment_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"commitment_id" integer NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"benchmark" text NOT NULL,
	"indicator_id" text,
	"target" text,
	"due" text,
	"verdict" text,
	"verdict_reason" text,
	CONSTRAINT "commitment_items_benchmark_check" CHECK ("commitment_items"."benchmark" in ('national', 'province', 'city', 'county', 'indicator')),
	CONSTRAINT "commitment_items_verdict_check" CHECK ("commitment_items"."verdict" is null or "commitment_items"."verdict" in ('fulfilled', 'partly', 'not'))
);
--> statement-breakpoint
CREATE TABLE "commitment_remarks" (
	"id" serial PRIMARY KEY NOT NULL,
	"commitment_id" integer NOT NULL,
	"text" text NOT NULL,
	"sender_hash" text NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"answer" text,
	"moderated_by" integer,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commitment_remarks_state_check" CHECK ("commitment_remarks"."state" in ('new', 'published', 'hidden'))
);
--> statement-breakpoint
CREATE TABLE "commitment_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"commitment_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"text" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"unit_id" text,
	"leader_id" integer,
	"post" text,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"return_reason" text,
	"report" text,
	"reported_at" timestamp with time zone,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"evaluated_by" integer,
	"evaluated_at" timestamp with time zone,
	"penalty" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitments_status_check" CHECK ("commitments"."status" in ('draft', 'submitted', 'public', 'reported', 'evaluated')),
	CONSTRAINT "commitments_owner_check" CHECK (("commitments"."unit_id" is null) <> ("commitments"."leader_id" is null))
);
--> statement-breakpoint
CREATE TABLE "leader_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"leader_id" integer NOT NULL,
	"kind" text DEFAULT 'visit' NOT NULL,
	"date" text NOT NULL,
	"unit_id" text,
	"project_id" integer,
	"findings" text NOT NULL,
	"follow_ups" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leader_visits_kind_check" CHECK ("leader_visits"."kind" in ('visit', 'hearing'))
);
--> statement-breakpoint
CREATE TABLE "ledger_files" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"kind" text NOT NULL,
	"commitment_id" integer,
	"update_id" integer,
	"project_id" integer,
	"progress_id" integer,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_files_kind_check" CHECK ("ledger_files"."kind" in ('scan', 'report', 'update', 'progress'))
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"due" text NOT NULL,
	"done_on" text
);
--> statement-breakpoint
CREATE TABLE "project_progress" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"month" text NOT NULL,
	"text" text NOT NULL,
	"investment" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"name" text NOT NULL,
	"owner_unit_id" text NOT NULL,
	"leader_id" integer,
	"team" text,
	"planned_investment" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commitment_items" ADD CONSTRAINT "commitment_items_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_remarks" ADD CONSTRAINT "commitment_remarks_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_remarks" ADD CONSTRAINT "commitment_remarks_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_visits" ADD CONSTRAINT "leader_visits_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_visits" ADD CONSTRAINT "leader_visits_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_visits" ADD CONSTRAINT "leader_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_files" ADD CONSTRAINT "ledger_files_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_files" ADD CONSTRAINT "ledger_files_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_files" ADD CONSTRAINT "ledger_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress" ADD CONSTRAINT "project_progress_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress" ADD CONSTRAINT "project_progress_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_items_commitment_idx" ON "commitment_items" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitment_remarks_commitment_idx" ON "commitment_remarks" USING btree ("commitment_id","created_at");--> statement-breakpoint
CREATE INDEX "commitment_remarks_sender_idx" ON "commitment_remarks" USING btree ("sender_hash","created_at");--> statement-breakpoint
CREATE INDEX "commitment_updates_commitment_idx" ON "commitment_updates" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitments_campaign_idx" ON "commitments" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "leader_visits_campaign_idx" ON "leader_visits" USING btree ("campaign_id","leader_id");--> statement-breakpoint
CREATE INDEX "ledger_files_commitment_idx" ON "ledger_files" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "ledger_files_project_idx" ON "ledger_files" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_progress_project_idx" ON "project_progress" USING btree ("project_id","month");--> statement-breakpoint
CREATE INDEX "projects_campaign_idx" ON "projects" USING btree ("campaign_id");