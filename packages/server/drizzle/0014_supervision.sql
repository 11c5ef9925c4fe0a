CREATE TABLE "supervision_files" (
	"id" text PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" text NOT NULL,
	"checked_on" text NOT NULL,
	"findings" text NOT NULL,
	"checkers" text[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supervision_records_kind_check" CHECK ("supervision_records"."kind" in ('weekly', 'unannounced', 'four_nots', 'special'))
);
--> statement-breakpoint
ALTER TABLE "supervision_files" ADD CONSTRAINT "supervision_files_record_id_supervision_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."supervision_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_files" ADD CONSTRAINT "supervision_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_records" ADD CONSTRAINT "supervision_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_files_record_idx" ON "supervision_files" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "supervision_records_campaign_idx" ON "supervision_records" USING btree ("campaign_id","unit_id");