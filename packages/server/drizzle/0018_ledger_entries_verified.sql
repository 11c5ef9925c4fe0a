CREATE TABLE "ledger_entry_files" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "campaign_id" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "unit_id" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "indicator_id" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "state" text DEFAULT 'recorded' NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "verified_by" integer;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ledger_entry_files" ADD CONSTRAINT "ledger_entry_files_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry_files" ADD CONSTRAINT "ledger_entry_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entry_files_entry_idx" ON "ledger_entry_files" USING btree ("entry_id");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_campaign_idx" ON "ledger_entries" USING btree ("campaign_id","state");