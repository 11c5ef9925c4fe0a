CREATE TABLE "uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"period" text NOT NULL,
	"user_id" integer NOT NULL,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"file" "bytea" NOT NULL,
	"rows" jsonb NOT NULL,
	"issues" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "uploads_status_check" CHECK ("uploads"."status" in ('pending', 'confirmed')),
	CONSTRAINT "uploads_format_check" CHECK ("uploads"."format" in ('grid', 'long'))
);
--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "uploads_created_idx" ON "uploads" USING btree ("created_at");