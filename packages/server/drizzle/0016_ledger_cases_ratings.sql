ALTER TABLE "commitments" ADD COLUMN "case_id" integer;--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "rating_ballot_id" integer;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "case_id" integer;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_rating_ballot_id_ballots_id_fk" FOREIGN KEY ("rating_ballot_id") REFERENCES "public"."ballots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;